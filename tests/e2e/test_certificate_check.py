"""The public check page in a browser: the form, a wrong code and a valid one, each
without a single axe-core violation (WCAG 2.1 A and AA), and with the keyboard only."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from certificates.services import issue_certificate

from .conftest import axe_violations


@pytest.fixture
def certificate(transactional_db, service_worker, programme, training_days, attend):
    attend(service_worker, training_days[:6])
    return issue_certificate(participant=service_worker, programme=programme)


def assert_no_violations(page) -> None:
    violations = axe_violations(page)
    assert violations == [], "\n".join(
        f"{v['impact']}: {v['id']} – {v['help']}" for v in violations
    )


def test_it_checks_a_wrong_then_a_valid_code_with_the_keyboard(page, certificate):
    page.goto(page.base_url + reverse("certificates:check"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontroll av kursbevis")
    field = page.get_by_label("Kontrollkode")
    expect(field).to_be_visible()
    assert_no_violations(page)

    wrong = certificate.code[:-1] + ("X" if certificate.code[-1] != "X" else "Y")
    field.focus()
    page.keyboard.type(wrong)
    page.keyboard.press("Enter")
    page.wait_for_url("**/kursbevis/kontroll/?kode=*")
    expect(page.get_by_text("Ingen kursbevis har denne koden.")).to_be_visible()
    expect(page.get_by_label("Kontrollkode")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Dette kursbeviset er ekte.")).to_have_count(0)
    assert page.title().startswith("Feil:")
    assert_no_violations(page)

    field = page.get_by_label("Kontrollkode")
    field.fill("")
    field.focus()
    page.keyboard.type(certificate.code.lower())
    page.get_by_role("button", name="Kontroller koden").press("Enter")
    expect(page.get_by_text("Dette kursbeviset er ekte.")).to_be_visible()
    expect(page.get_by_text(certificate.participant.full_name)).to_be_visible()
    assert_no_violations(page)


def test_it_shows_a_valid_code_from_the_qr_address(page, certificate):
    page.goto(page.base_url + certificate.get_verification_url())
    expect(page.get_by_role("heading", name="Kursbeviset er ekte")).to_be_visible()
    expect(page.get_by_role("heading", name="Kontroller et annet kursbevis")).to_be_visible()
    assert_no_violations(page)
