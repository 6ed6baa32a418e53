"""When a coordinator moves or cancels a session, everyone registered is told."""

import datetime as dt

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from notifications.models import Email
from participants.models import Registration
from programme.models import Session
from registrations.session_changes import notify_session_changed, session_changes
from tests import factories


@pytest.fixture
def registrations(session, service_worker, other_service_worker):
    return {
        "confirmed": factories.RegistrationFactory(session=session, participant=service_worker),
        "waitlisted": factories.RegistrationFactory(
            session=session, participant=other_service_worker, status="waitlisted"
        ),
        "cancelled": factories.RegistrationFactory(session=session, status="cancelled"),
    }


def _move(session, hours):
    before = Session.objects.select_related("venue").get(pk=session.pk)
    session.starts_at += dt.timedelta(hours=hours)
    session.ends_at += dt.timedelta(hours=hours)
    session.save()
    return session_changes(before=before, after=session)


def test_it_tells_everyone_registered_the_old_and_new_time(
    session, registrations, send_on_commit, mailoutbox
):
    changes = _move(session, 1)

    assert send_on_commit(notify_session_changed, session=session, changes=changes) == 2

    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {
        registrations["confirmed"].participant.user.email,
        registrations["waitlisted"].participant.user.email,
    }
    message = by_address[registrations["confirmed"].participant.user.email]
    assert message.subject.startswith("Endring: ")
    assert "- Starter: " in message.body
    [starts] = [line for line in message.body.splitlines() if line.startswith("- Starter: ")]
    assert "09.00 → " in starts and starts.endswith("10.00")
    assert "Du beholder plassen din." in message.body
    assert message.attachments[0][0] == "samling.ics"
    waiting = by_address[registrations["waitlisted"].participant.user.email]
    assert "Du står fortsatt på ventelisten." in waiting.body
    for message in mailoutbox:
        other = {r.participant.full_name for r in registrations.values()} - {
            r.participant.full_name
            for r in registrations.values()
            if r.participant.user.email == message.to[0]
        }
        assert not any(name in message.body for name in other)


def test_it_tells_them_the_new_venue(session, registrations, send_on_commit, mailoutbox):
    before = Session.objects.select_related("venue").get(pk=session.pk)
    session.venue = factories.VenueFactory(name="Lillehammer hotell", city="Lillehammer")
    session.save()

    send_on_commit(
        notify_session_changed,
        session=session,
        changes=session_changes(before=before, after=session),
    )

    assert "- Sted: Gjøvik gård, Kirkegata 5, 2821 Gjøvik → Lillehammer hotell" in (
        mailoutbox[0].body
    )


def test_it_tells_them_the_session_is_cancelled(session, registrations, send_on_commit, mailoutbox):
    before = Session.objects.get(pk=session.pk)
    session.is_cancelled = True
    session.save()

    send_on_commit(
        notify_session_changed,
        session=session,
        changes=session_changes(before=before, after=session),
    )

    assert len(mailoutbox) == 2
    assert mailoutbox[0].subject.startswith("Avlyst: ")
    assert "er avlyst" in mailoutbox[0].body
    assert set(Email.objects.values_list("kind", flat=True)) == {"session_cancelled"}


def test_it_sends_nothing_when_only_the_description_changes(
    session, registrations, send_on_commit, mailoutbox
):
    before = Session.objects.get(pk=session.pk)
    session.description = "Ny tekst"
    session.save()

    changes = session_changes(before=before, after=session)

    assert send_on_commit(notify_session_changed, session=session, changes=changes) == 0
    assert mailoutbox == []


def test_it_tells_again_when_the_session_moves_a_second_time(
    session, registrations, send_on_commit, mailoutbox
):
    send_on_commit(notify_session_changed, session=session, changes=_move(session, 1))
    send_on_commit(notify_session_changed, session=session, changes=_move(session, 1))

    assert len(mailoutbox) == 4


def test_it_notifies_when_a_coordinator_saves_a_moved_session_in_the_admin(
    session, registrations, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    request = RequestFactory().post("/admin/")
    request.user = coordinator.user
    session.starts_at += dt.timedelta(days=1)
    session.ends_at += dt.timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        site._registry[Session].save_model(request, session, form=None, change=True)

    assert len(mailoutbox) == 2
    assert Registration.objects.filter(status="confirmed").count() == 1
