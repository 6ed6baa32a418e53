"""The course certificate as a PDF: what it says, that it is tagged for accessibility,
and who may download it."""

import datetime as dt
import io

import pypdf
import pytest
from django.conf import settings
from django.urls import reverse
from pypdf.generic import ArrayObject, DictionaryObject
from weasyprint.urls import FatalURLFetchingError

from certificates import pdf, selectors
from certificates.services import issue_certificate, withdraw_certificate
from familiestotte.formatting import day as day_in_oslo
from tests import factories

ORGANISERS = "Sykehuset Innlandet HF, Divisjon psykisk helsevern, og KoRus-Øst"


def pdf_url(programme, participant):
    return reverse(
        "certificates:pdf", kwargs={"slug": programme.slug, "participant_pk": participant.pk}
    )


@pytest.fixture
def earned(service_worker, programme, training_days, attend):
    programme.organisers = ORGANISERS
    programme.save()
    attend(service_worker, training_days[:6])
    return issue_certificate(participant=service_worker, programme=programme)


@pytest.fixture
def document(login, service_worker, programme, earned):
    response = login(service_worker).get(pdf_url(programme, service_worker))
    assert response.status_code == 200
    return pypdf.PdfReader(io.BytesIO(response.content))


def text_of(reader: pypdf.PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def structure_elements(node, found=None):
    """Every structure element under node, depth first, as dictionaries."""
    found = [] if found is None else found
    node = node.get_object()
    if not isinstance(node, DictionaryObject):
        return found
    if "/S" in node:
        found.append(node)
    kids = node.get("/K")
    if kids is not None:
        kids = kids.get_object()
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            structure_elements(kid, found)
    return found


def test_it_downloads_the_pdf_as_an_attachment_with_a_safe_name(
    login, service_worker, programme, earned
):
    response = login(service_worker).get(pdf_url(programme, service_worker))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="kursbevis-tor-tjenesteutover-{earned.code}.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF-")


def test_it_writes_name_organisation_programme_and_organisers(document, programme):
    text = text_of(document)
    for expected in [
        "Kursbevis",
        "Tor Tjenesteutøver",
        "Gjøvik kommune",
        programme.name,
        "Programmet gjennomføres av Sykehuset Innlandet HF, Divisjon psykisk helsevern, og",
    ]:
        assert expected in text, expected


def test_it_lists_the_attended_days_with_dates_themes_and_total_hours(document, training_days):
    text = text_of(document)
    assert "Møtt på 6 av 8 opplæringsdager" in text
    for day in training_days[:6]:
        assert f"Opplæringsdag {day.number} av 8: {day.title}" in text
        assert day_in_oslo(day.starts_at) in text
    assert "Tema for dag 7" not in text and "Tema for dag 8" not in text
    assert text.count("Pårørendes rettigheter") == 6
    # Six days of six hours each (the factory's sessions).
    assert "Totalt 36 timer opplæring." in text


def test_it_writes_the_code_and_the_address_of_the_check_page(document, earned):
    text = text_of(document)
    assert earned.code in text
    assert settings.SITE_URL + f"/kursbevis/{earned.code}/" in text


def test_it_is_a_tagged_pdf_in_norwegian_with_a_title(document):
    catalog = document.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == pypdf.generic.BooleanObject(True)
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "nb"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert document.metadata.title == "Kursbevis – Tor Tjenesteutøver"


def test_it_tags_the_heading_the_days_table_and_the_qr_code_with_its_alt_text(document, earned):
    elements = structure_elements(document.trailer["/Root"]["/StructTreeRoot"])
    kinds = [element["/S"] for element in elements]
    assert "/H1" in kinds and "/Table" in kinds
    figures = [element for element in elements if element["/S"] == "/Figure"]
    assert [figure["/Alt"] for figure in figures] == [
        f"QR-kode til kontrollsiden: {settings.SITE_URL}/kursbevis/{earned.code}/"
    ]


def test_it_points_the_qr_code_at_the_check_page():
    svg = pdf.qr_code_data_uri("http://example.no/kursbevis/AAAA-BBBB-CCCC/")
    assert svg.startswith("data:image/svg+xml")


def test_it_names_files_in_ascii_without_path_characters(db):
    certificate = factories.CertificateFactory(
        participant__full_name='Åse Ærlig-Øvrebø / "../etc" \\ kurs'
    )
    name = pdf.file_name(certificate)
    assert name == f"kursbevis-ase-aerlig-ovrebo-etc-kurs-{certificate.code}.pdf"


def test_it_fetches_nothing_while_rendering(monkeypatch, service_worker, programme, earned):
    """Only data: URIs load: a stylesheet or image from the network fails the render."""
    monkeypatch.setattr(pdf, "qr_code_data_uri", lambda url: "http://example.invalid/qr.png")
    attendance = selectors.attendance_of(participant=service_worker, programme=programme)
    with pytest.raises(FatalURLFetchingError, match="example.invalid"):
        pdf.render_certificate_pdf(attendance)


@pytest.mark.parametrize("persona", ["other_service_worker", "other_leader", "leader"])
def test_it_hides_the_pdf_from_everyone_else(
    request, login, persona, service_worker, programme, earned
):
    response = login(request.getfixturevalue(persona)).get(pdf_url(programme, service_worker))
    assert response.status_code == 404


def test_it_gives_a_coordinator_anyones_pdf(login, coordinator, service_worker, programme, earned):
    response = login(coordinator).get(pdf_url(programme, service_worker))
    assert response.status_code == 200
    assert "Tor Tjenesteutøver" in text_of(pypdf.PdfReader(io.BytesIO(response.content)))


def test_it_sends_anonymous_visitors_to_log_in(client, service_worker, programme, earned):
    response = client.get(pdf_url(programme, service_worker))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_answers_404_before_the_certificate_is_issued(
    login, service_worker, programme, training_days
):
    response = login(service_worker).get(pdf_url(programme, service_worker))
    assert response.status_code == 404


def test_it_answers_404_once_the_certificate_is_withdrawn(
    login, coordinator, service_worker, programme, earned
):
    withdraw_certificate(earned, "Feil registrert oppmøte.", coordinator.user)
    response = login(service_worker).get(pdf_url(programme, service_worker))
    assert response.status_code == 404


def test_it_links_the_download_from_the_certificate_and_attendance_pages(
    login, service_worker, programme, earned
):
    client = login(service_worker)
    for page in [
        earned.get_absolute_url(),
        reverse(
            "certificates:attendance",
            kwargs={"slug": programme.slug, "participant_pk": service_worker.pk},
        ),
    ]:
        html = client.get(page).content.decode()
        assert "Last ned kursbevis (PDF)" in html
        assert pdf_url(programme, service_worker) in html


def test_it_dates_the_days_in_oslo_time(login, service_worker, programme, attend):
    # 23.30 UTC on 9 March is 00.30 on 10 March in Oslo.
    late = dt.datetime(2026, 3, 9, 23, 30, tzinfo=dt.UTC)
    session = factories.SessionFactory(programme=programme, number=1, starts_at=late)
    attend(service_worker, [session])
    issue_certificate(participant=service_worker, programme=programme)
    response = login(service_worker).get(pdf_url(programme, service_worker))
    text = text_of(pypdf.PdfReader(io.BytesIO(response.content)))
    assert "10. mars 2026" in text and "9. mars 2026" not in text
    assert "Totalt 6 timer opplæring." in text


def test_it_pins_the_queries_of_the_pdf(login, service_worker, programme, attend, assert_queries):
    def add(days):
        start = dt.datetime(2025, 1, 6, 8, 0, tzinfo=dt.UTC)
        count = programme.sessions.count()
        sessions = [
            factories.SessionFactory(
                programme=programme, starts_at=start + dt.timedelta(days=count + n)
            )
            for n in range(days)
        ]
        for session in sessions:
            session.themes.add(factories.ThemeFactory(programme=programme))
        attend(service_worker, sessions)

    client = login(service_worker)
    url = pdf_url(programme, service_worker)
    add(8)
    issue_certificate(participant=service_worker, programme=programme)
    # 1 session, 2 user with participant, 3 programme, 4 training days, 5 their themes,
    # 6 the person's live registrations on them, 7 certificate, 8 organisation
    with assert_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    add(40)
    with assert_queries(8):
        response = client.get(url)
    assert "Totalt 288 timer opplæring." in text_of(pypdf.PdfReader(io.BytesIO(response.content)))
