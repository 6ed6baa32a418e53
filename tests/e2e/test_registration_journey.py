"""Register, see the place on the waiting list, cancel: all by keyboard, axe-clean."""

import pytest

from participants.models import Registration
from resourcegroups.models import SupervisionGroup
from tests import factories

from .conftest import assert_accessible

pytestmark = pytest.mark.e2e


def tab_to(page, name: str, *, limit: int = 80) -> None:
    """Press Tab until the focused element's accessible text is `name`, as a keyboard
    user would; fail if it is never reached. A form field is named by its label
    (without the «*» of a required field)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement; const l = e.labels && e.labels[0];"
            " const text = l ? l.textContent.replace('*', '') : e.textContent;"
            " return (e.getAttribute('aria-label') || text || '').trim(); }"
        )
        if focused == name:
            return
    raise AssertionError(f"«{name}» cannot be reached with the Tab key")


def press_enter_and_wait(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.fixture
def full_session(transactional_db):
    session = factories.SessionFactory(capacity=1, title="Pårørendes rettigheter")
    factories.RegistrationFactory(session=session)
    return session


def test_it_joins_the_waiting_list_and_cancels_by_keyboard(page, log_in, full_session):
    person = factories.ParticipantFactory(full_name="Tor Tastatur")
    log_in(person)
    page.goto(page.base_url + full_session.get_absolute_url())
    assert page.get_by_text("Denne samlingen er full.").is_visible()
    assert_accessible(page)

    tab_to(page, "Sett meg på ventelisten")
    press_enter_and_wait(page)
    assert page.get_by_text("Du står på venteliste som nr. 1.", exact=True).is_visible()
    assert Registration.objects.get(participant=person).status == "waitlisted"
    assert_accessible(page)

    tab_to(page, "Mine påmeldinger")
    press_enter_and_wait(page)
    assert page.locator("h1").inner_text() == "Mine påmeldinger"
    assert page.get_by_text("På venteliste nr. 1").is_visible()
    assert_accessible(page)

    tab_to(page, "Meld av Pårørendes rettigheter")
    press_enter_and_wait(page)
    assert page.locator("h1").inner_text() == "Meld av"
    assert_accessible(page)

    tab_to(page, "Ja, meld meg av")
    press_enter_and_wait(page)
    assert page.get_by_text("Påmeldingen din til «Pårørendes rettigheter» er avmeldt.").is_visible()
    assert Registration.objects.get(participant=person).status == "cancelled"
    assert_accessible(page)


def test_it_registers_for_a_free_seat_by_keyboard(page, log_in, transactional_db):
    session = factories.SessionFactory(capacity=5, title="Familiens roller")
    person = factories.ParticipantFactory()
    log_in(person)
    page.goto(page.base_url + session.get_absolute_url())
    tab_to(page, "Meld meg på")
    press_enter_and_wait(page)
    assert page.get_by_text("Du er påmeldt til denne samlingen.").is_visible()
    assert Registration.objects.get(participant=person).status == "confirmed"
    assert_accessible(page)


def test_min_side_leads_to_the_supervision_group_and_to_all_registrations(
    page, log_in, full_session
):
    person = factories.ParticipantFactory(full_name="Tor Tastatur")
    factories.RegistrationFactory(
        participant=person, session=full_session, status=Registration.Status.WAITLISTED
    )
    group = SupervisionGroup.objects.create(
        programme=full_session.programme, name="Veiledningsgruppe Gjøvik", region="Innlandet"
    )
    group.members.add(person)
    log_in(person)
    page.goto(page.base_url + "/min-side/")
    assert page.get_by_text("På venteliste nr. 1").is_visible()
    assert page.get_by_text("Du er med i Veiledningsgruppe Gjøvik").is_visible()
    assert_accessible(page)

    tab_to(page, "Samlinger og medlemmer i Veiledningsgruppe Gjøvik")
    press_enter_and_wait(page)
    assert page.locator("h1").inner_text() == "Veiledningsgruppe Gjøvik"
    assert page.locator("#members-heading + ul").inner_text().startswith("Tor Tastatur, ")
    assert_accessible(page)

    page.go_back()
    tab_to(page, "Alle påmeldingene dine")
    press_enter_and_wait(page)
    assert page.locator("h1").inner_text() == "Mine påmeldinger"
