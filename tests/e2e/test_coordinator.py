"""A coordinator opens a session's list, changes the number of seats and takes
attendance, all by keyboard, with axe-core clean on every page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from notifications.models import Email
from participants.models import Registration
from tests import factories

from .conftest import assert_accessible


@pytest.fixture
def session(programme):
    started = timezone.now() - dt.timedelta(hours=1)  # attendance is taken once it has started
    session = factories.SessionFactory(
        programme=programme,
        capacity=2,
        title="Pårørendes rettigheter",
        starts_at=started,
        registration_deadline=started - dt.timedelta(days=7),
    )
    factories.RegistrationFactory(session=session, participant__full_name="Anne Først")
    factories.RegistrationFactory(session=session, participant__full_name="Bjørn Berg")
    factories.RegistrationFactory(
        session=session,
        participant__full_name="Vera Venter",
        status=Registration.Status.WAITLISTED,
        confirmed_at=None,
        waitlisted_at=timezone.now() - dt.timedelta(minutes=5),
    )
    return session


def press_link(page, name):
    link = page.get_by_role("link", name=name, exact=True)
    link.focus()
    page.keyboard.press("Enter")


def press_button(page, name):
    page.get_by_role("button", name=name).focus()
    page.keyboard.press("Enter")


def type_into(page, field, text):
    field.focus()
    page.keyboard.type(text)


def test_it_lets_a_coordinator_change_capacity_and_take_attendance_by_keyboard(
    page, log_in, coordinator, session
):
    log_in(coordinator)
    page.goto(page.base_url + reverse("coordination:home"))
    assert_accessible(page)
    press_link(page, session.numbered_title)
    page.wait_for_url(f"**{reverse('coordination:session', args=[session.pk])}")
    expect(page.get_by_role("heading", level=2, name="Venteliste (1)")).to_be_visible()
    assert_accessible(page)

    # Lowering below the confirmed count is refused, with the message on the field.
    press_link(page, "Endre antall plasser")
    page.wait_for_url("**/plasser/")
    assert_accessible(page)
    field = page.get_by_label("Antall plasser")
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("1")
    page.keyboard.press("Enter")
    expect(page.get_by_text("2 personer er allerede påmeldt")).to_be_visible()
    expect(field).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    # Raising it moves Vera up from the waiting list.
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("3")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('coordination:session', args=[session.pk])}")
    expect(page.get_by_text("Fikk plass fra ventelisten: Vera Venter.")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Påmeldt (3)")).to_be_visible()
    assert_accessible(page)

    # Attendance: Anne came, Bjørn did not, Vera is left unrecorded.
    press_link(page, "Registrer oppmøte")
    page.wait_for_url("**/oppmote/")
    assert_accessible(page)
    page.get_by_role("group", name="Anne Først").get_by_label("Møtt", exact=True).focus()
    page.keyboard.press("Space")
    # Arrow keys move within a radio group: from «Ikke registrert» back to «Ikke møtt».
    page.get_by_role("group", name="Bjørn Berg").get_by_label("Ikke registrert").focus()
    page.keyboard.press("ArrowLeft")
    press_button(page, "Lagre oppmøte")
    # At the door the page stays for the next correction, with the history below.
    page.wait_for_url(f"**{reverse('coordination:attendance', args=[session.pk])}")
    expect(page.get_by_text("Oppmøte er lagret for 2 personer.")).to_be_visible()
    assert_accessible(page)

    attended = {
        r.participant.full_name: r.attended
        for r in session.registrations.select_related("participant")
    }
    assert attended == {"Anne Først": True, "Bjørn Berg": False, "Vera Venter": None}


def test_it_lets_a_coordinator_search_and_add_a_person_without_js(
    page, log_in, coordinator, session
):
    factories.ParticipantFactory(full_name="Siri Søkbar", organisation__name="Østre Toten kommune")
    log_in(coordinator)
    page.goto(page.base_url + reverse("coordination:add", args=[session.pk]))
    assert_accessible(page)
    page.get_by_label("Søk etter navn, e-post eller organisasjon").fill("østre toten")
    page.keyboard.press("Enter")
    page.wait_for_url("**?q=*")
    expect(page.get_by_text("1 person passer med «østre toten».")).to_be_visible()
    assert_accessible(page)
    choice = page.get_by_label("Deltaker")
    expect(choice.locator("option")).to_have_count(2)  # «Velg en person» and Siri
    choice.select_option(index=1)
    page.get_by_role("button", name="Legg til personen").click()
    page.wait_for_url(f"**{reverse('coordination:session', args=[session.pk])}")
    expect(page.get_by_text("Samlingen er full: Siri Søkbar står på ventelisten.")).to_be_visible()


def test_it_lets_a_coordinator_message_the_participants_by_keyboard(
    page, log_in, coordinator, session
):
    log_in(coordinator)
    page.goto(page.base_url + reverse("coordination:session", args=[session.pk]))
    press_link(page, "Send melding til deltakerne")
    page.wait_for_url("**/melding/")
    assert_accessible(page)

    # Without a message: the error is on the field.
    type_into(page, page.get_by_label("Emne"), "Endret rom")
    press_button(page, "Vis e-posten og hvem som får den")
    message = page.get_by_role("textbox", name="Melding")
    expect(message).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Skriv meldingen.")).to_be_visible()
    assert_accessible(page)

    type_into(page, message, "Vi er i sal 3 i stedet.")
    press_button(page, "Vis e-posten og hvem som får den")
    # The email as it will be received and who gets it, before anything is sent.
    expect(page.get_by_text("Det går til 2 personer.")).to_be_visible()
    expect(page.locator("pre.email-preview")).to_contain_text("Vi er i sal 3 i stedet.")
    assert_accessible(page)
    press_button(page, "Send meldingen")
    page.wait_for_url(f"**{reverse('coordination:session', args=[session.pk])}")
    expect(page.get_by_text("Meldingen er på vei til 2 personer.")).to_be_visible()
    assert_accessible(page)


def test_it_lets_a_coordinator_message_the_programmes_leaders_by_keyboard(
    page, log_in, coordinator, programme, leader
):
    factories.EnrolmentFactory(programme=programme, organisation=leader.organisation)
    log_in(coordinator)
    page.goto(page.base_url + reverse("coordination:home"))
    press_link(page, "Send melding til programmet")
    page.wait_for_url(f"**{reverse('coordination:programme_message', args=[programme.slug])}")
    assert_accessible(page)

    # Choose «Alle påmeldte» with Space, then back to the leaders with an arrow key.
    everyone = page.get_by_role("radio", name="Alle påmeldte")
    everyone.focus()
    page.keyboard.press("Space")
    expect(everyone).to_be_checked()
    page.keyboard.press("ArrowUp")
    expect(page.get_by_role("radio", name="Ledere i deltakende enheter")).to_be_checked()

    # Without a subject: the error is on the field.
    message = page.get_by_role("textbox", name="Melding")
    type_into(page, message, "Husk å sende framdriftsrapporten før ledersamling 2.")
    press_button(page, "Vis e-posten og hvem som får den")
    subject = page.get_by_label("Emne")
    expect(subject).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Skriv et emne.")).to_be_visible()
    assert_accessible(page)

    type_into(page, subject, "Framdriftsrapporten")
    press_button(page, "Vis e-posten og hvem som får den")
    expect(page.get_by_text("Det går til 1 person.")).to_be_visible()
    assert_accessible(page)
    press_button(page, "Send meldingen")
    # Sending runs as a job (progress/): its page says where the message is, and leads back.
    page.wait_for_url("**/jobber/**")
    expect(page.get_by_text("Meldingen er på vei til 1 person.")).to_be_visible()
    assert_accessible(page)
    press_link(page, "Tilbake")
    page.wait_for_url(f"**{reverse('coordination:programme_message', args=[programme.slug])}")
    expect(page.get_by_role("cell", name="Framdriftsrapporten")).to_be_visible()
    assert_accessible(page)
    assert list(Email.objects.values_list("to_email", flat=True)) == [leader.user.email]
