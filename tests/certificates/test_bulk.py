"""Certificates for a whole programme: issuing to everyone who qualifies (safe to run
twice), all the PDFs in one ZIP, and the coordinator's page with both."""

import io
import re
import zipfile

import pypdf
import pytest
from django.urls import reverse

from certificates import bulk, selectors
from certificates.models import Certificate
from certificates.services import issue_certificate, withdraw_certificate
from participants.models import Registration
from progress.models import Job
from tests import factories

SAFE_NAME = re.compile(r"^kursbevis-[a-z0-9-]+-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\.pdf$")


class RecordingProgress:
    """Stands in for the progress app's Progress: set_total(n) and step(n=1)."""

    def __init__(self):
        self.total = None
        self.done = 0

    def set_total(self, n):
        self.total = n

    def step(self, n=1):
        self.done += n


@pytest.fixture
def qualified(programme, training_days, attend):
    """Thirty people who attended six of the eight training days, two of them with
    Norwegian letters and a slash in their names."""
    people = factories.ParticipantFactory.create_batch(28)
    people.append(factories.ParticipantFactory(full_name="Åse Øvrebø"))
    people.append(factories.ParticipantFactory(full_name="Per / Pål ../Ærlig"))
    for person in people:
        attend(person, training_days[:6])
    return people


@pytest.fixture
def not_qualified(programme, training_days, attend):
    person = factories.ParticipantFactory(full_name="Nina Nesten")
    attend(person, training_days[:5])
    return person


def roster_url(programme):
    return reverse("certificates:roster", kwargs={"slug": programme.slug})


def test_it_issues_to_everyone_who_qualifies_and_no_one_else(programme, qualified, not_qualified):
    progress = RecordingProgress()
    certificates = bulk.issue_for_programme(programme, progress)
    assert len(certificates) == 30
    assert {c.participant for c in certificates} == set(qualified)
    assert Certificate.objects.filter(programme=programme).count() == 30
    assert not Certificate.objects.filter(participant=not_qualified).exists()
    assert (progress.total, progress.done) == (30, 30)


def test_it_issues_nothing_new_on_a_second_run(programme, qualified):
    first = bulk.issue_for_programme(programme)
    second = bulk.issue_for_programme(programme)
    assert Certificate.objects.filter(programme=programme).count() == 30
    assert sorted(c.pk for c in second) == sorted(c.pk for c in first)


def test_it_skips_someone_who_stopped_qualifying_and_issues_the_rest(
    monkeypatch, programme, qualified
):
    """The list of who qualifies is read first; the rule is checked again per person."""
    read = selectors.qualifying_participants(programme)
    Registration.objects.filter(participant=qualified[0]).update(attended=False)
    monkeypatch.setattr(selectors, "qualifying_participants", lambda programme: read)
    progress = RecordingProgress()
    certificates = bulk.issue_for_programme(programme, progress)
    assert len(certificates) == 29 and qualified[0] not in {c.participant for c in certificates}
    assert (progress.total, progress.done) == (30, 30)


def test_it_records_who_issued_them(programme, qualified, coordinator):
    bulk.issue_for_programme(programme, actor=coordinator.user)
    assert set(Certificate.objects.values_list("issued_by", flat=True)) == {coordinator.user.pk}


def test_it_leaves_a_withdrawn_certificate_withdrawn(programme, qualified, coordinator):
    withdrawn = issue_certificate(participant=qualified[0], programme=programme)
    withdraw_certificate(withdrawn, "Feil oppmøte.", coordinator.user)
    certificates = bulk.issue_for_programme(programme)
    assert len(certificates) == 29 and withdrawn.pk not in {c.pk for c in certificates}
    withdrawn.refresh_from_db()
    assert withdrawn.is_withdrawn


def test_it_zips_one_pdf_per_certificate_with_safe_names(programme, qualified):
    certificates = bulk.issue_for_programme(programme)
    progress = RecordingProgress()
    archive = zipfile.ZipFile(io.BytesIO(bulk.zip_certificates(certificates, progress)))
    names = archive.namelist()
    assert len(names) == 30 and len(set(names)) == 30
    assert all(SAFE_NAME.match(name) for name in names), names
    assert (progress.total, progress.done) == (30, 30)
    assert any(name.startswith("kursbevis-per-pal-aerlig-") for name in names)
    assert all(archive.read(name).startswith(b"%PDF-") for name in names)
    # The file named for a person holds that person's certificate.
    name = next(n for n in names if n.startswith("kursbevis-ase-ovrebo-"))
    code = name.removeprefix("kursbevis-ase-ovrebo-").removesuffix(".pdf")
    assert code in {c.code for c in certificates}
    text = pypdf.PdfReader(io.BytesIO(archive.read(name))).pages[0].extract_text()
    assert "Åse Øvrebø" in text and code in text


def test_it_leaves_withdrawn_certificates_out_of_the_zip(
    programme, training_days, attend, coordinator
):
    people = factories.ParticipantFactory.create_batch(2)
    for person in people:
        attend(person, training_days[:6])
    certificates = bulk.issue_for_programme(programme)
    withdraw_certificate(certificates[0], "Feil.", coordinator.user)
    archive = zipfile.ZipFile(io.BytesIO(bulk.zip_certificates(certificates)))
    assert [name.endswith(f"{certificates[1].code}.pdf") for name in archive.namelist()] == [True]


# --- the coordinator's page ---------------------------------------------------------


def test_it_lists_who_qualifies_and_who_has_a_certificate(
    coordinator_client, programme, qualified, not_qualified
):
    issue_certificate(participant=qualified[0], programme=programme)
    page = coordinator_client.get(roster_url(programme)).content.decode()
    assert "30 personer oppfyller kravene." in page
    assert "29 av dem har ikke fått kursbevis ennå." in page
    assert page.count("Oppfyller kravene, ikke utstedt") == 29
    assert page.count("Oppfyller ikke kravene ennå") == 1
    assert "Nina Nesten" in page and "5 / 8" in page
    assert "Utsted kursbevis til alle som oppfyller kravene" in page
    assert reverse("certificates:zip", kwargs={"slug": programme.slug}) in page
    assert "Last ned alle (ZIP)" in page


def test_it_issues_to_all_from_the_page(coordinator_client, coordinator, programme, qualified):
    url = reverse("certificates:bulk_issue", kwargs={"slug": programme.slug})
    response = coordinator_client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == roster_url(programme)
    assert "30 kursbevis er utstedt." in response.content.decode()
    response = coordinator_client.post(url, follow=True)
    assert "Alle som oppfyller kravene, har allerede kursbevis." in response.content.decode()
    assert Certificate.objects.filter(programme=programme, issued_by=coordinator.user).count() == 30
    assert "Utsted kursbevis til alle" not in response.content.decode()


def test_the_zip_is_made_as_a_job_and_offered_to_its_owner(
    coordinator_client,
    programme,
    training_days,
    attend,
    job_storage,
    django_capture_on_commit_callbacks,
):
    person = factories.ParticipantFactory()
    attend(person, training_days[:6])
    certificate = issue_certificate(participant=person, programme=programme)
    url = reverse("certificates:zip", kwargs={"slug": programme.slug})
    assert coordinator_client.get(url).status_code == 405  # a link cannot start it
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"].startswith(job.get_absolute_url())
    assert (job.status, job.done, job.total) == (Job.Status.DONE, 1, 1)
    download = coordinator_client.get(job.download_url())
    assert download["Content-Disposition"].startswith('attachment; filename="kursbevis-')
    content = b"".join(download.streaming_content)
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert names == [f"kursbevis-test-person-{person.full_name.split()[-1]}-{certificate.code}.pdf"]


@pytest.mark.parametrize("persona", ["service_worker", "leader", "other_leader"])
@pytest.mark.parametrize("name", ["roster", "zip"])
def test_it_hides_the_pages_from_everyone_but_coordinators(
    request, login, persona, name, programme
):
    url = reverse(f"certificates:{name}", kwargs={"slug": programme.slug})
    response = login(request.getfixturevalue(persona)).get(url)
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["service_worker", "leader"])
def test_it_lets_no_one_else_issue_in_bulk(request, login, persona, programme, qualified):
    url = reverse("certificates:bulk_issue", kwargs={"slug": programme.slug})
    response = login(request.getfixturevalue(persona)).post(url)
    assert response.status_code == 404
    assert not Certificate.objects.exists()


@pytest.mark.parametrize("name", ["roster", "zip", "bulk_issue"])
def test_it_sends_anonymous_visitors_to_log_in(client, name, programme):
    response = client.get(reverse(f"certificates:{name}", kwargs={"slug": programme.slug}))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_refuses_a_get_on_the_bulk_issue_address(coordinator_client, programme):
    url = reverse("certificates:bulk_issue", kwargs={"slug": programme.slug})
    assert coordinator_client.get(url).status_code == 405


def test_it_pins_the_queries_of_the_roster(
    coordinator_client, programme, training_days, attend, assert_queries
):
    def add(count):
        for person in factories.ParticipantFactory.create_batch(count):
            attend(person, training_days[:6])
            issue_certificate(participant=person, programme=programme)

    url = roster_url(programme)
    add(3)
    # 1 session, 2 user with participant, 3 programme, 4 training days, 5 certificates,
    # 6 people with organisation and attended days
    with assert_queries(6):
        response = coordinator_client.get(url)
    assert len(response.context["roster"].rows) == 3
    add(27)
    with assert_queries(6):
        response = coordinator_client.get(url)
    assert len(response.context["roster"].rows) == 30


def test_it_links_the_roster_from_the_coordinator_overview(coordinator_client, programme):
    page = coordinator_client.get(reverse("coordination:home")).content.decode()
    assert roster_url(programme) in page
