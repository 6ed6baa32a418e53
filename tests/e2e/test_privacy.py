"""A service worker reads «Mine opplysninger» and deletes the account, by keyboard only,
axe-clean on every page."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from participants.models import Registration
from tests import factories

from .conftest import assert_accessible
from .test_registration_journey import press_enter_and_wait, tab_to

pytestmark = pytest.mark.e2e


def test_a_service_worker_sees_their_data_and_deletes_the_account_by_keyboard(
    page, log_in, transactional_db
):
    person = factories.ParticipantFactory(full_name="Tor Tastatur")
    session = factories.SessionFactory(capacity=1, title="Pårørendes rettigheter")
    factories.RegistrationFactory(participant=person, session=session)
    waiting = factories.RegistrationFactory(session=session, status=Registration.Status.WAITLISTED)

    log_in(person)
    page.goto(page.base_url + reverse("mypage:dashboard"))
    tab_to(page, "Mine opplysninger")
    press_enter_and_wait(page)
    assert page.locator("h1").inner_text() == "Mine opplysninger"
    assert page.get_by_role("cell", name="Pårørendes rettigheter").is_visible()
    assert page.get_by_text(person.user.email).first.is_visible()
    assert_accessible(page)

    tab_to(page, "Slett kontoen min")
    press_enter_and_wait(page)
    assert page.locator("h1").inner_text() == "Slett kontoen min"
    assert_accessible(page)

    tab_to(page, "Passordet ditt")
    page.keyboard.type("feil-passord")
    press_enter_and_wait(page)
    field = page.get_by_label("Passordet ditt")
    assert page.get_by_text("Passordet er feil. Kontoen din er ikke slettet.").is_visible()
    assert field.get_attribute("aria-invalid") == "true"
    assert_accessible(page)

    tab_to(page, "Passordet ditt")
    page.keyboard.type(factories.PASSWORD)
    tab_to(page, "Slett kontoen min for godt")
    press_enter_and_wait(page)
    assert page.get_by_text("Kontoen din er slettet.").is_visible()
    assert page.url == page.base_url + reverse("programme:home")
    assert_accessible(page)

    assert not get_user_model().objects.filter(pk=person.user_id).exists()
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
