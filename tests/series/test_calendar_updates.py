"""Calendar programs update or remove the event they hold: the same UID everywhere, and a
SEQUENCE that grows when a session changes or a seat is given up."""

import datetime as dt

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse
from icalendar import Calendar

from notifications.models import Email
from programme.models import Session
from registrations import services
from registrations.session_changes import notify_session_changed, session_changes
from tests import factories

from .conftest import calendars, the_calendar, uid


@pytest.fixture
def seated(session, service_worker, send_on_commit, mailoutbox):
    """The service worker's confirmed registration; its confirmation already sent."""
    registration = send_on_commit(services.register, participant=service_worker, session=session)
    mailoutbox.clear()
    return registration


def _event(message):
    [event] = the_calendar(message).walk("VEVENT")
    return event


def _change(session, send_on_commit, **fields):
    before = Session.objects.select_related("venue").get(pk=session.pk)
    for name, value in fields.items():
        setattr(session, name, value)
    session.save()
    return send_on_commit(
        notify_session_changed,
        session=session,
        changes=session_changes(before=before, after=session),
    )


def test_it_bumps_the_sequence_when_a_session_moves(session, seated, send_on_commit, mailoutbox):
    _change(
        session,
        send_on_commit,
        starts_at=session.starts_at + dt.timedelta(hours=1),
        ends_at=session.ends_at + dt.timedelta(hours=1),
    )

    session.refresh_from_db()
    assert session.sequence == 1
    [message] = mailoutbox
    [(calendar, mimetype)] = calendars(message)
    assert mimetype == "text/calendar; method=REQUEST"
    assert str(calendar["method"]) == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert str(event["uid"]) == uid(session)
    assert event["sequence"] == 1
    assert event.decoded("dtstart") == session.starts_at


def test_it_bumps_the_sequence_once_per_change(session, seated, send_on_commit, mailoutbox):
    _change(session, send_on_commit, venue=factories.VenueFactory())
    _change(session, send_on_commit, online_url="https://meet.example.no/ny")

    assert [_event(message)["sequence"] for message in mailoutbox] == [1, 2]


def test_it_leaves_the_sequence_alone_for_edits_nobody_is_told(session, seated, send_on_commit):
    _change(session, send_on_commit, title="Ny tittel")

    session.refresh_from_db()
    assert session.sequence == 0


def test_it_sends_no_calendar_file_to_the_waiting_list_when_a_session_moves(
    full_session, other_service_worker, send_on_commit, mailoutbox
):
    _change(full_session, send_on_commit, venue=factories.VenueFactory())

    notices = {m.to[0]: m for m in mailoutbox if m.subject.startswith("Endring: ")}
    assert len(notices) == 2
    assert notices[other_service_worker.user.email].attachments == []
    assert len([m for m in notices.values() if m.attachments]) == 1


def test_it_sends_a_cancel_with_the_same_uid_when_a_session_is_cancelled(
    session, seated, send_on_commit, mailoutbox
):
    _change(session, send_on_commit, is_cancelled=True)

    [message] = mailoutbox
    [(calendar, mimetype)] = calendars(message)
    assert mimetype == "text/calendar; method=CANCEL"
    assert str(calendar["method"]) == "CANCEL"
    [event] = calendar.walk("VEVENT")
    assert (str(event["uid"]), str(event["status"]), event["sequence"]) == (
        uid(session),
        "CANCELLED",
        1,
    )
    assert "fjerne samlingen fra kalenderen din" in message.body


def test_it_sends_a_cancel_when_the_person_cancels(
    session, service_worker, send_on_commit, mailoutbox
):
    send_on_commit(services.register, participant=service_worker, session=session)
    confirmation = _event(mailoutbox[0])

    send_on_commit(services.cancel, registration=seated_of(service_worker), actor=None)

    receipt = mailoutbox[1]
    [(calendar, mimetype)] = calendars(receipt)
    assert str(calendar["method"]) == "CANCEL"
    [event] = calendar.walk("VEVENT")
    assert str(event["uid"]) == str(confirmation["uid"]) == uid(session)
    assert str(event["status"]) == "CANCELLED"
    assert event["sequence"] > confirmation["sequence"]


def seated_of(participant):
    return participant.registrations.get(status="confirmed")


def test_it_sends_a_cancel_when_a_coordinator_cancels(
    session, seated, coordinator, send_on_commit, mailoutbox
):
    send_on_commit(services.cancel, registration=seated, actor=coordinator.user)

    [receipt] = mailoutbox
    event = _event(receipt)
    assert (str(event["uid"]), str(event["status"]), event["sequence"]) == (
        uid(session),
        "CANCELLED",
        1,
    )


def test_it_sends_no_calendar_file_when_a_waiting_list_place_is_cancelled(
    full_session, other_service_worker, send_on_commit, mailoutbox
):
    waiting = other_service_worker.registrations.get()

    send_on_commit(services.cancel, registration=waiting, actor=None)

    [receipt] = [m for m in mailoutbox if m.subject.startswith("Avmelding mottatt: ")]
    assert receipt.attachments == []
    assert "fjerne samlingen" not in receipt.body
    full_session.refresh_from_db()
    assert full_session.sequence == 0


def test_it_invites_again_above_the_cancel_after_registering_again(
    session, seated, service_worker, send_on_commit, mailoutbox
):
    send_on_commit(services.cancel, registration=seated, actor=None)
    send_on_commit(services.register, participant=service_worker, session=session)

    cancel, invitation = (_event(message) for message in mailoutbox)
    assert str(the_calendar(mailoutbox[1])["method"]) == "REQUEST"
    # Equal SEQUENCE, later DTSTAMP: the newer message wins (RFC 5546, 2.1.5).
    assert invitation["sequence"] >= cancel["sequence"]
    assert invitation.decoded("dtstamp") >= cancel.decoded("dtstamp")


def test_it_gives_the_promoted_person_an_invitation_at_the_current_sequence(
    full_session, service_worker, other_service_worker, send_on_commit, mailoutbox
):
    mailoutbox.clear()

    send_on_commit(services.cancel, registration=seated_of(service_worker), actor=None)

    by_address = {message.to[0]: message for message in mailoutbox}
    promoted = by_address[other_service_worker.user.email]
    assert Email.objects.filter(kind="promoted").count() == 1
    event = _event(promoted)
    assert str(the_calendar(promoted)["method"]) == "REQUEST"
    assert event["sequence"] == 1


def test_the_feeds_carry_the_same_uid_and_sequence(
    client, session, seated, service_worker, send_on_commit
):
    _change(session, send_on_commit, venue=factories.VenueFactory())
    personal = reverse(
        "registrations:calendar_feed", kwargs={"token": service_worker.calendar_token}
    )
    programme = reverse("programme:calendar", kwargs={"slug": session.programme.slug})

    for url in (personal, programme, reverse("programme:session_ics", args=[session.pk])):
        [event] = Calendar.from_ical(client.get(url).content).walk("VEVENT")
        assert (str(event["uid"]), event["sequence"]) == (uid(session), 1), url


def test_the_series_invitation_uses_the_sessions_current_sequence(
    days, service_worker, programme, send_on_commit, mailoutbox
):
    Session.objects.filter(pk=days[3].pk).update(sequence=5)

    send_on_commit(
        services.register_for_all_training_days, participant=service_worker, programme=programme
    )

    events = {str(e["uid"]): e for e in the_calendar(mailoutbox[0]).walk("VEVENT")}
    assert events[uid(days[3])]["sequence"] == 5
    assert events[uid(days[0])]["sequence"] == 0


def test_it_bumps_the_sequence_when_a_coordinator_moves_a_session_in_the_admin(
    session, seated, coordinator, send_on_commit, mailoutbox
):
    admin = site._registry[Session]
    request = RequestFactory().post("/admin/")
    request.user = coordinator.user
    assert "sequence" not in admin.get_form(request, session).base_fields  # not editable
    session.starts_at += dt.timedelta(days=1)
    session.ends_at += dt.timedelta(days=1)

    send_on_commit(admin.save_model, request, session, form=None, change=True)

    session.refresh_from_db()
    assert session.sequence == 1
    assert _event(mailoutbox[0])["sequence"] == 1
