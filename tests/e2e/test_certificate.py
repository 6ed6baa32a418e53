"""A service worker finds their attendance, issues the course certificate, opens it for
printing and downloads the PDF; the public check shows the certificate. axe-core clean
on every page."""

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from certificates.models import Certificate
from tests import factories

from .conftest import assert_accessible


@pytest.fixture
def six_of_eight(transactional_db, service_worker, programme):
    start = timezone.now() - dt.timedelta(days=120)
    theme = factories.ThemeFactory(programme=programme, title="Pårørendes rettigheter")
    for number in range(1, 9):
        session = factories.SessionFactory(
            programme=programme,
            number=number,
            title=f"Tema for dag {number}",
            starts_at=start + dt.timedelta(days=10 * number),
        )
        session.themes.add(theme)
        if number <= 7:
            factories.RegistrationFactory(
                participant=service_worker, session=session, attended=number <= 6
            )
    return programme


def test_it_takes_a_service_worker_from_attendance_to_a_printable_certificate(
    page, log_in, service_worker, six_of_eight
):
    programme = six_of_eight
    log_in(service_worker)
    page.goto(page.base_url + reverse("registrations:mine"))
    page.get_by_role("link", name="Oppmøte og kursbevis").click()
    page.get_by_role("link", name=programme.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Oppmøte og kursbevis")
    expect(page.get_by_text("Møtt: 6 av 8 opplæringsdager")).to_be_visible()
    expect(page.get_by_role("cell", name="Ikke møtt")).to_have_count(1)
    expect(page.get_by_role("cell", name="Ikke påmeldt")).to_have_count(1)
    assert_accessible(page)

    button = page.get_by_role("button", name="Utsted kursbevis")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/skriv-ut/")
    certificate = Certificate.objects.get(participant=service_worker, programme=programme)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kursbevis")
    expect(page.get_by_text(certificate.code, exact=True)).to_be_visible()
    assert_accessible(page)

    # The PDF, downloaded from the same page.
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned kursbevis (PDF)").click()
    assert download.value.suggested_filename == (
        f"kursbevis-tor-tjenesteutover-{certificate.code}.pdf"
    )
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")

    # On paper: the certificate only, without the site's menu and footer.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.locator(".certificate")).to_be_visible()
    page.emulate_media(media="screen")

    # Anyone with the code can check it, signed in or not.
    page.context.clear_cookies()
    page.goto(page.base_url + certificate.get_verification_url())
    expect(page.get_by_text("Dette kursbeviset er ekte.")).to_be_visible()
    expect(page.get_by_text(service_worker.full_name)).to_be_visible()
    assert_accessible(page)
