"""The coordinator's long work as jobs (progress/): a session's list longer than
EXPORT_JOB_THRESHOLD is made by a worker and offered on the job's page, a shorter one is
answered at once; a message to a whole programme is recorded as a job with progress, in
batches, and still sent once however often it runs."""

import csv
import io
import uuid

import openpyxl
import pytest
from django.urls import reverse

from coordination import messages as coordinator_messages
from coordination.tasks import send_programme_message
from notifications.models import Email
from participants.models import Registration
from progress.models import Job
from tests import factories


@pytest.fixture
def long_list(session, settings):
    """Three people confirmed, one waiting, one cancelled; a list of more than two is long."""
    settings.EXPORT_JOB_THRESHOLD = 2
    for name in ("Anne Først", "Bjørn Berg", "Cato Carlsen"):
        factories.RegistrationFactory(session=session, participant__full_name=name)
    factories.RegistrationFactory(
        session=session,
        participant__full_name="Vera Venter",
        status=Registration.Status.WAITLISTED,
        confirmed_at=None,
    )
    return session


def export_url(session, extension="csv"):
    return reverse(f"coordination:export_{extension}", args=[session.pk])


def test_a_short_list_is_answered_at_once(coordinator_client, session, settings):
    settings.EXPORT_JOB_THRESHOLD = 2
    factories.RegistrationFactory.create_batch(2, session=session)
    response = coordinator_client.get(export_url(session))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert not Job.objects.exists()


def test_a_long_list_starts_a_job_and_goes_to_its_page(
    coordinator_client, coordinator, long_list, job_storage, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = coordinator_client.get(export_url(long_list))
    job = Job.objects.get()
    back = reverse("coordination:session", args=[long_list.pk]).replace("/", "%2F")
    assert response["Location"] == f"{job.get_absolute_url()}?tilbake={back}"
    assert (job.owner, job.kind, job.status) == (coordinator.user, "export", Job.Status.QUEUED)
    assert job.title == f"Deltakerliste: {long_list.numbered_title}"
    assert len(queued) == 1  # the task, once the request commits


def test_the_job_makes_the_same_csv_as_the_immediate_export(
    coordinator_client, long_list, job_storage, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.get(export_url(long_list))
    job = Job.objects.get()
    assert (job.status, job.done, job.total) == (Job.Status.DONE, 4, 4)
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "Last ned deltakerliste-" in page
    made = b"".join(coordinator_client.get(job.download_url()).streaming_content)
    settings.EXPORT_JOB_THRESHOLD = 300
    assert made == coordinator_client.get(export_url(long_list)).content
    rows = list(csv.reader(io.StringIO(made.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == [
        "Anne Først",
        "Bjørn Berg",
        "Cato Carlsen",
        "Vera Venter",
    ]


def test_the_job_makes_an_xlsx_when_asked(
    coordinator_client, long_list, job_storage, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.get(export_url(long_list, "xlsx"))
    job = Job.objects.get()
    assert job.result_name.endswith(".xlsx")
    made = b"".join(coordinator_client.get(job.download_url()).streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(made)).active
    assert sheet.max_row == 5


def test_another_coordinator_cannot_fetch_the_export(
    coordinator_client, long_list, job_storage, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.get(export_url(long_list))
    job = Job.objects.get()
    client.force_login(factories.CoordinatorFactory().user)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(job.download_url()).status_code == 404


# -- a message to a whole programme -----------------------------------------------------------


@pytest.fixture
def leaders(programme):
    people = []
    for _ in range(5):
        enrolment = factories.EnrolmentFactory(programme=programme)
        people.append(factories.LeaderFactory(organisation=enrolment.organisation))
    return people


def message_form(**fields):
    return {
        "audience": "leaders",
        "subject": "Husk framdriftsrapporten",
        "body": "Send den før ledersamling 2.",
        "token": uuid.uuid4().hex,
        "send": "1",  # past the preview
        **fields,
    }


def test_the_programme_message_runs_as_a_job_with_progress(
    coordinator_client, coordinator, programme, leaders, django_capture_on_commit_callbacks
):
    url = reverse("coordination:programme_message", args=[programme.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, message_form())
    job = Job.objects.get()
    assert response["Location"].startswith(job.get_absolute_url())
    assert (job.kind, job.status, job.done, job.total) == ("programme_message", "done", 5, 5)
    assert job.title == f"Melding til {programme.name}"
    assert job.message == "Meldingen er på vei til 5 personer."
    assert not job.result
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "Meldingen er på vei til 5 personer." in page
    assert f'<a href="{url}">Tilbake</a>' in page
    assert Email.objects.filter(kind=Email.Kind.MESSAGE).count() == 5


def run_message_job(coordinator, programme, token, **fields):
    job = Job.objects.create(owner=coordinator.user, kind="programme_message", title="Melding")
    send_programme_message.delay(
        job_id=str(job.pk),
        programme_id=programme.pk,
        audience="leaders",
        include_waitlisted=False,
        subject="Emne",
        body="Tekst",
        message_id=token,
        sender_id=coordinator.user.pk,
        **fields,
    )
    job.refresh_from_db()
    return job


def test_in_batches_each_person_gets_it_once_however_often_it_runs(
    coordinator, programme, leaders, monkeypatch
):
    monkeypatch.setattr(coordinator_messages, "BATCH", 2)
    token = uuid.uuid4().hex
    first = run_message_job(coordinator, programme, token)
    second = run_message_job(coordinator, programme, token)
    assert (first.status, first.done, first.total) == ("done", 5, 5)
    assert second.status == "done"
    keys = list(Email.objects.filter(kind=Email.Kind.MESSAGE).values_list("to_email", flat=True))
    assert sorted(keys) == sorted(p.user.email for p in leaders)


def test_a_run_cut_off_after_a_batch_sends_the_rest_once_when_run_again(
    coordinator, programme, leaders, monkeypatch
):
    monkeypatch.setattr(coordinator_messages, "BATCH", 2)
    real = coordinator_messages._record_messages
    calls = []

    def dies_on_the_second_batch(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise ConnectionError("the worker lost its database")
        return real(*args, **kwargs)

    token = uuid.uuid4().hex
    monkeypatch.setattr(coordinator_messages, "_record_messages", dies_on_the_second_batch)
    cut = run_message_job(coordinator, programme, token)
    assert cut.status == "failed" and cut.message.startswith("Noe gikk galt")
    assert Email.objects.filter(kind=Email.Kind.MESSAGE).count() == 2  # the first batch

    monkeypatch.setattr(coordinator_messages, "_record_messages", real)
    run_message_job(coordinator, programme, token)
    recipients = Email.objects.filter(kind=Email.Kind.MESSAGE).values_list("to_email", flat=True)
    assert sorted(recipients) == sorted(p.user.email for p in leaders)


def test_the_session_page_asks_for_the_list_with_a_form_the_browser_follows(
    coordinator_client, long_list, settings
):
    """A GET form (with the dietary-needs choice), never a `download` link: a long list
    answers with the job's page, which a download attribute would save as a file."""
    url = reverse("coordination:session", args=[long_list.pk])
    for threshold in (3, 300):
        settings.EXPORT_JOB_THRESHOLD = threshold
        page = coordinator_client.get(url).content.decode()
        assert f'action="{export_url(long_list)}"' in page
        assert f'href="{export_url(long_list)}" download' not in page
