"""What a participant receives when they register, wait, get a place or cancel."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from icalendar import Calendar

from notifications.models import Email
from notifications.outbox import queue_email
from participants.models import Registration
from registrations.emails import queue_registration_email
from tests import factories

OSLO = ZoneInfo("Europe/Oslo")


def _html(message):
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def test_it_sends_the_confirmation_with_the_session_details(
    session, service_worker, send_on_commit, mailoutbox
):
    registration = factories.RegistrationFactory(session=session, participant=service_worker)

    send_on_commit(queue_registration_email, registration=registration, kind="confirmed")

    [message] = mailoutbox
    assert message.to == [service_worker.user.email]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.subject.startswith("Du er påmeldt: ")
    assert "Pårørendes rettigheter" in message.subject
    assert "Hei Tor Tjenesteutøver," in message.body
    assert "Påmeldingen din til" in message.body
    assert "Gjøvik gård, Kirkegata 5, 2821 Gjøvik" in message.body
    assert "https://meet.example.no/dag3" in message.body
    assert settings.SITE_URL + session.get_absolute_url() in message.body
    assert "Gjøvik gård, Kirkegata 5, 2821 Gjøvik" in _html(message)


def test_it_gives_both_days_of_an_event_over_two_days(service_worker, send_on_commit, mailoutbox):
    conference = factories.EventFactory(
        starts_at=dt.datetime(2027, 11, 15, 9, 30, tzinfo=OSLO),
        ends_at=dt.datetime(2027, 11, 16, 15, 0, tzinfo=OSLO),
        registration_deadline=dt.datetime(2027, 11, 1, 12, 0, tzinfo=OSLO),
    )
    registration = factories.RegistrationFactory(session=conference, participant=service_worker)

    send_on_commit(queue_registration_email, registration=registration, kind="confirmed")

    [message] = mailoutbox
    for body in (message.body, _html(message)):
        assert "mandag 15. – tirsdag 16. november 2027" in body
        assert "09.30 første dag – 15.00 siste dag" in body


def test_it_attaches_the_session_as_an_ics_event(
    session, service_worker, send_on_commit, mailoutbox
):
    registration = factories.RegistrationFactory(session=session, participant=service_worker)

    send_on_commit(queue_registration_email, registration=registration, kind="confirmed")

    [(filename, content, mimetype)] = mailoutbox[0].attachments
    assert (filename, mimetype) == ("samling.ics", "text/calendar; method=REQUEST")
    calendar = Calendar.from_ical(content)
    assert str(calendar["method"]) == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert event["summary"] == session.full_title
    assert str(event["uid"]) == f"session-{session.pk}@familiestotte"  # as on the session page
    assert event.decoded("dtstart") == session.starts_at
    assert event.decoded("dtend") == session.ends_at
    assert "Kirkegata 5" in str(event["location"])


def test_it_puts_a_footer_with_the_reason_and_a_link_to_their_page(
    session, service_worker, send_on_commit, mailoutbox
):
    registration = factories.RegistrationFactory(session=session, participant=service_worker)

    send_on_commit(queue_registration_email, registration=registration, kind="confirmed")

    message = mailoutbox[0]
    my_page = settings.SITE_URL + "/min-side/"
    assert "Du får denne e-posten fordi du meldte deg på" in message.body
    assert my_page in message.body
    assert f'href="{my_page}"' in _html(message)


def test_it_tells_a_waitlisted_person_their_place_number(
    session, service_worker, send_on_commit, mailoutbox
):
    factories.RegistrationFactory(session=session, status=Registration.Status.WAITLISTED)
    registration = factories.RegistrationFactory(
        session=session, participant=service_worker, status=Registration.Status.WAITLISTED
    )

    send_on_commit(queue_registration_email, registration=registration, kind="waitlisted")

    [message] = mailoutbox
    assert message.subject.startswith("Du står på venteliste: ")
    assert "Du er nummer 2 på ventelisten." in message.body
    assert "nummer 2 på ventelisten" in _html(message)
    assert not message.attachments


def test_it_tells_a_promoted_person_they_have_a_place(
    session, service_worker, send_on_commit, mailoutbox
):
    registration = factories.RegistrationFactory(session=session, participant=service_worker)

    send_on_commit(queue_registration_email, registration=registration, kind="promoted")

    [message] = mailoutbox
    assert message.subject.startswith("Du har fått plass: ")
    assert "fra ventelisten" in message.body
    assert message.attachments[0][0] == "samling.ics"


def test_it_sends_a_receipt_for_a_cancellation(session, service_worker, send_on_commit, mailoutbox):
    registration = factories.RegistrationFactory(
        session=session, participant=service_worker, status=Registration.Status.CANCELLED
    )

    send_on_commit(queue_registration_email, registration=registration, kind="cancelled")

    [message] = mailoutbox
    assert message.subject.startswith("Avmelding mottatt: ")
    assert "Vi har mottatt avmeldingen din" in message.body
    assert "du meldte deg av" in message.body
    # The seat is gone from their calendar too (services.cancel records had_seat).
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("samling.ics", "text/calendar; method=CANCEL")


def test_it_names_no_other_participant(
    session, service_worker, other_service_worker, send_on_commit, mailoutbox
):
    factories.RegistrationFactory(session=session, participant=other_service_worker)
    registration = factories.RegistrationFactory(session=session, participant=service_worker)

    for kind in ["confirmed", "promoted", "cancelled"]:
        send_on_commit(queue_registration_email, registration=registration, kind=kind)

    assert len(mailoutbox) == 3
    for message in mailoutbox:
        assert other_service_worker.full_name not in message.body
        assert other_service_worker.full_name not in _html(message)


def test_it_records_each_registration_email_once(
    session, service_worker, send_on_commit, mailoutbox
):
    registration = factories.RegistrationFactory(session=session, participant=service_worker)

    send_on_commit(queue_registration_email, registration=registration, kind="confirmed")
    send_on_commit(queue_registration_email, registration=registration, kind="confirmed")

    assert len(mailoutbox) == 1
    row = Email.objects.get()
    assert (row.key, row.status, row.attempts) == (f"confirmed:{registration.pk}", "sent", 1)
    assert row.subject == mailoutbox[0].subject
    assert "Kirkegata 5" in row.body_text


def test_it_records_nothing_when_the_registration_is_rolled_back(
    session, service_worker, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                registration = factories.RegistrationFactory(
                    session=session, participant=service_worker
                )
                queue_registration_email(registration=registration, kind="confirmed")
                raise RuntimeError("the registration fails after queueing")
        except RuntimeError:
            pass

    assert callbacks == []
    assert not Email.objects.exists()
    assert mailoutbox == []


def test_it_sends_a_templated_email_once_per_key(leader, send_on_commit, mailoutbox):
    context = {
        "subject": "Framdriftsrapport snart",
        "paragraphs": ["Husk framdriftsrapporten."],
        "url": "http://example.no/rapport/",
        "reason": "Du får denne e-posten fordi du er leder.",
    }
    for _attempt in range(2):
        send_on_commit(
            queue_email,
            recipient=leader.user,
            kind="progress_report_due",
            key="report-due:1:2026-W10",
            template_prefix="notifications/email/notice",
            context=context,
        )

    [message] = mailoutbox
    assert message.to == [leader.user.email]
    assert message.subject == "Framdriftsrapport snart"
    assert "Hei Lise Leder," in message.body
    assert "Husk framdriftsrapporten." in message.body
    assert "Du får denne e-posten fordi du er leder." in message.body
    assert Email.objects.get().kind == "progress_report_due"
