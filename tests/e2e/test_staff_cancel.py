"""A leader cancels a staff member's registration by keyboard, axe-clean."""

import pytest
from django.urls import reverse

from participants.models import Registration
from tests import factories

from .conftest import assert_accessible
from .test_registration_journey import press_enter_and_wait, tab_to

pytestmark = pytest.mark.e2e


def test_a_leader_cancels_for_a_staff_member_by_keyboard(page, log_in, transactional_db):
    organisation = factories.OrganisationFactory(name="Gjøvik kommune")
    leader = factories.LeaderFactory(organisation=organisation, full_name="Lise Leder")
    worker = factories.ParticipantFactory(organisation=organisation, full_name="Tor Tastatur")
    session = factories.SessionFactory(title="Pårørendes rettigheter")
    registration = factories.RegistrationFactory(participant=worker, session=session)

    log_in(leader)
    page.goto(page.base_url + reverse("registrations:staff"))
    assert_accessible(page)

    tab_to(page, "Meld av: Tor Tastatur, Pårørendes rettigheter")
    press_enter_and_wait(page)
    assert page.locator("h1").inner_text() == "Meld av"
    assert page.get_by_text("Tor Tastatur får beskjed på e-post.").is_visible()
    assert_accessible(page)

    tab_to(page, "Ja, meld av")
    press_enter_and_wait(page)
    assert page.get_by_text("Tor Tastatur er meldt av «Pårørendes rettigheter».").is_visible()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert_accessible(page)
