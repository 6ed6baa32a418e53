"""The public pages in headless Chromium: Norwegian content, no serious or critical axe
violation, no Content Security Policy violation (the `page` fixture fails on one)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from programme.models import Session

from .conftest import assert_accessible


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", verbosity=0)


def test_it_shows_the_programme_on_the_front_page(page, demo):
    page.goto(page.base_url + reverse("programme:home"))
    assert page.locator("h1").inner_text() == "Familiestøtte Oppland 2018"
    assert page.locator("#kind-training_day + ol > li").count() == 8
    assert page.locator("#kind-leader_gathering + ol > li").count() == 3
    assert_accessible(page)


def test_it_shows_a_session_page(page, demo):
    session = Session.objects.get(kind=Session.Kind.TRAINING_DAY, number=3)
    page.goto(page.base_url + reverse("programme:home"))
    page.get_by_role("link", name="Opplæringsdag 3 av 8").click()
    page.wait_for_url(page.base_url + session.get_absolute_url())
    assert page.locator("h1").inner_text().startswith("Opplæringsdag 3 av 8: ")
    assert page.get_by_text("Påmeldingsfrist").is_visible()
    assert_accessible(page)


def test_it_leads_from_the_news_to_the_conference_by_keyboard(page, demo):
    conference = Session.objects.get(kind=Session.Kind.EVENT)
    page.goto(page.base_url + reverse("programme:articles"))
    page.get_by_role("link", name="Relasjons- og familiearbeid er veien å gå").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/nyheter/*/")
    event = page.get_by_role("complementary", name="Arrangementet")
    assert "mandag" in event.inner_text() and "første dag" in event.inner_text()
    assert_accessible(page)
    event.get_by_role("link", name="Les mer og meld deg på").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + conference.get_absolute_url())
    assert page.locator("h1").inner_text().startswith("Pårørendekonferansen")
    assert_accessible(page)


def test_it_shows_the_sign_up_page_with_errors_tied_to_fields(page, db):
    page.goto(page.base_url + reverse("account_signup"))
    assert page.locator("h1").inner_text() == "Registrer deg"
    assert_accessible(page)
    page.get_by_label("E-post").fill("ikke-en-adresse")
    page.get_by_role("button", name="Registrer deg").click()
    email = page.get_by_label("E-post")
    assert email.get_attribute("aria-invalid") == "true"
    error = page.locator("#" + email.get_attribute("aria-describedby").split()[0])
    assert "gyldig e-postadresse" in error.inner_text()
    assert_accessible(page)


def test_it_shows_the_log_in_page(page, db):
    page.goto(page.base_url + reverse("account_login"))
    assert page.locator("h1").inner_text() == "Logg inn"
    assert page.get_by_label("Passord").is_visible()
    # The «*» is aria-hidden: a screen reader reads «Passord», and the field says «required».
    password = page.locator("#id_password")
    assert password.evaluate("e => e.labels[0].innerText").replace("\n", "") == "Passord*"
    email = page.get_by_role("textbox", name="E-post", exact=True)
    assert email.evaluate("e => e.required") is True
    assert page.get_by_text("Felt merket med * må fylles ut.").is_visible()
    assert_accessible(page)


def test_it_lets_a_keyboard_user_skip_to_the_main_content(page, db):
    page.goto(page.base_url + reverse("account_login"))
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Gå til hovedinnholdet")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
