"""Registering for all eight training days in one step sends one email, with one .ics."""

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from notifications.models import Email
from notifications.sending import send_batch
from participants.models import Registration
from registrations import services
from registrations.emails import queue_series_email
from tests import factories

from .conftest import the_calendar, uid


@pytest.fixture
def register_all(send_on_commit, service_worker, programme):
    def _run(participant=None):
        return send_on_commit(
            services.register_for_all_training_days,
            participant=participant or service_worker,
            programme=programme,
        )

    return _run


def _fill(session):
    """Take the session's only seat."""
    session.capacity = 1
    session.save()
    factories.RegistrationFactory(session=session)


def test_it_sends_one_email_with_one_ics_holding_every_day(days, register_all, mailoutbox):
    register_all()

    [message] = mailoutbox
    assert message.subject == (f"Du er påmeldt opplæringsdagene: {days[0].programme.name}")
    [(filename, _content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("opplaeringsdager.ics", "text/calendar; method=REQUEST")
    calendar = the_calendar(message)
    assert str(calendar["method"]) == "REQUEST"
    events = calendar.walk("VEVENT")
    assert [str(event["uid"]) for event in events] == [uid(day) for day in days]
    assert all(event["sequence"] == 0 for event in events)
    assert all(str(event["status"]) == "CONFIRMED" for event in events)
    assert [event.decoded("dtstart") for event in events] == [day.starts_at for day in days]
    assert all(event["DTSTART"].params["TZID"] == "Europe/Oslo" for event in events)


def test_it_addresses_the_invitation_to_the_person(days, register_all, service_worker, mailoutbox):
    register_all()

    event = the_calendar(mailoutbox[0]).walk("VEVENT")[0]
    assert str(event["attendee"]) == f"mailto:{service_worker.user.email}"
    assert event["attendee"].params["PARTSTAT"] == "ACCEPTED"
    assert str(event["organizer"]).startswith("mailto:")


def test_it_records_no_email_per_day(days, register_all):
    register_all()

    assert list(Email.objects.values_list("kind", flat=True)) == ["series"]
    assert Registration.objects.filter(status="confirmed").count() == 8


def test_it_lists_each_day_with_date_time_and_venue_in_oslo_time(days, register_all, mailoutbox):
    register_all()

    [message] = mailoutbox
    html = message.alternatives[0][0]
    for day in days:
        date = formats.date_format(timezone.localtime(day.starts_at), "j. F Y")
        for body in (message.body, html):
            assert f"Opplæringsdag {day.number} av 8: Tema for dag {day.number}" in body
            assert date in body
            assert f"Kurssted {day.number}, Storgata 1, 2815 Hamar" in body
    # Winter and summer time alike: 09.00 on the wall clock in Oslo.
    assert message.body.count("Tid: 09.00–15.00") == 8
    assert message.body.count("Du har plass.") == 8
    assert "Dagen er full" not in message.body
    assert "ikke med i kalenderfilen" not in message.body


def test_it_lists_full_days_as_waiting_list_and_leaves_them_out_of_the_ics(
    days, register_all, mailoutbox
):
    full = [days[2], days[5]]
    for session in full:
        _fill(session)

    register_all()

    [message] = mailoutbox
    events = the_calendar(message).walk("VEVENT")
    assert [str(event["uid"]) for event in events] == [uid(day) for day in days if day not in full]
    assert message.body.count("Du har plass.") == 6
    assert message.body.count("Dagen er full: du er nummer 1 på ventelisten.") == 2
    assert "Dagene du står på venteliste for, er ikke med i kalenderfilen" in message.body
    assert "med de 6 dagene du har plass på" in message.body
    for session in full:
        # Listed in the text, in its place among the others.
        assert f"Opplæringsdag {session.number} av 8: Tema for dag {session.number}" in (
            message.body
        )


def test_it_sends_no_ics_when_every_day_is_full(days, register_all, mailoutbox):
    for session in days:
        _fill(session)

    register_all()

    [message] = mailoutbox
    assert message.attachments == []
    assert message.body.count("Dagen er full: du er nummer 1 på ventelisten.") == 8


def test_it_sends_nothing_twice_when_the_request_is_repeated(days, register_all, mailoutbox):
    register_all()
    result = register_all()

    assert len(result) == 0 and len(result.skipped) == 8
    assert len(mailoutbox) == 1
    assert Email.objects.count() == 1


def test_it_records_the_series_email_once_per_series(days, service_worker, programme):
    registrations = services.register_for_all_training_days(
        participant=service_worker, programme=programme
    )

    queue_series_email(registrations=list(registrations))  # a second call, as a retry would

    assert Email.objects.filter(kind="series").count() == 1
    assert Email.objects.get().key == f"series:{registrations[0].pk}"


def test_it_sends_only_the_new_days_after_some_were_registered(
    days, register_all, service_worker, mailoutbox, send_on_commit
):
    send_on_commit(services.register, participant=service_worker, session=days[0])
    mailoutbox.clear()

    register_all()

    [message] = mailoutbox
    assert len(the_calendar(message).walk("VEVENT")) == 7
    assert "Tema for dag 1\n" not in message.body
    assert "7 opplæringsdager" in message.body


def test_it_sends_the_one_email_from_the_page(
    days, login, service_worker, mailoutbox, django_capture_on_commit_callbacks
):
    client = login(service_worker)
    url = reverse("registrations:register_training_days", kwargs={"slug": days[0].programme.slug})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)

    said = [str(m) for m in response.context["messages"]]
    assert said == [
        "Du er påmeldt til 8 opplæringsdager.",
        "Én e-post med alle disse dagene er på vei, med en kalenderfil for dagene du har plass på.",
    ]
    [message] = mailoutbox
    assert len(the_calendar(message).walk("VEVENT")) == 8


def test_it_sends_the_series_email_once_when_its_task_runs_twice(
    days, service_worker, programme, mailoutbox
):
    services.register_for_all_training_days(participant=service_worker, programme=programme)
    row = Email.objects.get()

    first, second = send_batch([row.pk]), send_batch([row.pk])

    assert (first.sent, second.sent, second.skipped) == ([row.pk], [], [row.pk])
    assert len(mailoutbox) == 1
