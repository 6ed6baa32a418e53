"""The privacy and accessibility statements and the feedback form in Chromium, 320 CSS
pixels wide: reached from the footer by keyboard, with no axe-core violation of any impact
(errors shown included) and none of the crawl's structure problems (reflow, headings)."""

import pytest

from notifications.models import Email
from tests import factories

from .test_axe_crawl import NARROW, page_problems
from .test_registration_journey import press_enter_and_wait, tab_to

pytestmark = pytest.mark.e2e


def assert_no_violations(page) -> None:
    assert page_problems(page) == []


def test_the_statements_and_the_feedback_form_are_accessible(page, transactional_db):
    coordinator = factories.CoordinatorFactory(full_name="Kari Koordinator")
    page.set_viewport_size(NARROW)
    page.goto(page.base_url + "/")
    tab_to(page, "Personvernerklæring", limit=200)
    press_enter_and_wait(page)
    assert page.locator("h1").inner_text() == "Personvernerklæring for Familiestøtte"
    assert_no_violations(page)

    tab_to(page, "Tilgjengelighetserklæring", limit=200)
    press_enter_and_wait(page)
    assert page.locator("h1").inner_text() == "Tilgjengelighetserklæring for Familiestøtte"
    assert_no_violations(page)

    tab_to(page, "Send", limit=200)
    press_enter_and_wait(page)
    assert page.get_by_text("Skriv hvilken side problemet er på.").is_visible()
    assert page.get_by_label("Hva er problemet?").get_attribute("aria-invalid") == "true"
    assert_no_violations(page)

    tab_to(page, "Adressen til siden (eller hva siden heter)", limit=200)
    page.keyboard.type("Mine påmeldinger")
    tab_to(page, "Hva er problemet?")
    page.keyboard.type("Fokusrammen synes ikke på knappen «Meld av».")
    tab_to(page, "Send")
    press_enter_and_wait(page)
    assert page.locator("h1").inner_text() == "Takk for tilbakemeldingen"
    assert_no_violations(page)
    assert Email.objects.get(key__startswith="accessibility-feedback:").to_email == (
        coordinator.user.email
    )


def test_the_sign_up_form_with_its_statement_links_is_accessible(page, transactional_db):
    page.set_viewport_size(NARROW)
    page.goto(page.base_url + "/konto/signup/")
    assert page.get_by_role("link", name="personvernerklæringen").is_visible()
    assert page.get_by_role("link", name="tilgjengelighetserklæringen").is_visible()
    assert_no_violations(page)
