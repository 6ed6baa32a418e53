"""The .ics for a session and the personal calendar feed, checked with icalendar's parser."""

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from registrations import services
from tests import factories


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


@pytest.fixture
def session(programme):
    return factories.SessionFactory(
        programme=programme,
        title="Generasjonsperspektivet",
        venue=factories.VenueFactory(name="Quality Hotel Strand", street_address="Strandgata 15"),
    )


def session_ics(client, session):
    return parse(client.get(reverse("programme:session_ics", kwargs={"pk": session.pk})))


def feed_url(participant):
    return reverse("registrations:calendar_feed", kwargs={"token": participant.calendar_token})


def test_it_gives_a_session_a_stable_uid(client, session):
    first = session_ics(client, session).walk("VEVENT")[0]
    second = session_ics(client, session).walk("VEVENT")[0]
    assert str(first["UID"]) == str(second["UID"]) == f"session-{session.pk}@familiestotte"


def test_it_writes_the_start_in_oslo_time_with_a_timezone(client, session):
    calendar = session_ics(client, session)
    event = calendar.walk("VEVENT")[0]
    assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert event.decoded("DTSTART") == session.starts_at.replace(microsecond=0)
    assert event.decoded("DTEND") == session.ends_at.replace(microsecond=0)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]


def test_it_gives_the_location_with_the_address(client, session):
    event = session_ics(client, session).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == "Quality Hotel Strand, Strandgata 15, 2815 Gjøvik"
    assert "Generasjonsperspektivet" in str(event["SUMMARY"])


def test_it_marks_a_cancelled_session_cancelled(client, session):
    session.is_cancelled = True
    session.save()
    assert str(session_ics(client, session).walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


def test_it_feeds_the_persons_live_registrations(client, service_worker, session, programme):
    cancelled_session = factories.SessionFactory(programme=programme, is_cancelled=False)
    gone = services.register(participant=service_worker, session=cancelled_session)
    services.cancel(registration=gone, actor=service_worker.user)
    services.register(participant=service_worker, session=session)
    events = parse(client.get(feed_url(service_worker))).walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [f"session-{session.pk}@familiestotte"]
    assert str(events[0]["STATUS"]) == "CONFIRMED"


def test_it_feeds_a_cancelled_session_as_cancelled(client, service_worker, session):
    services.register(participant=service_worker, session=session)
    session.is_cancelled = True
    session.save()
    event = parse(client.get(feed_url(service_worker))).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED"


def test_it_feeds_a_waiting_list_place_as_tentative(client, service_worker):
    session = factories.SessionFactory(capacity=1)
    factories.RegistrationFactory(session=session)
    services.register(participant=service_worker, session=session)
    event = parse(client.get(feed_url(service_worker))).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "TENTATIVE"


def test_it_pins_the_queries_of_the_feed(client, service_worker, programme, assert_queries):
    def add(numbers):
        for number in numbers:
            session = factories.SessionFactory(programme=programme, number=number)
            services.register(participant=service_worker, session=session)

    add([1])
    # 1 the person by token, 2 their live registrations with «n av N», 3 the sessions' talks
    # (none here, so no speakers asked for)
    with assert_queries(3):
        events = parse(client.get(feed_url(service_worker))).walk("VEVENT")
    assert str(events[0]["SUMMARY"]).startswith("Opplæringsdag 1 av 1: ")
    add(range(2, 11))
    with assert_queries(3):
        events = parse(client.get(feed_url(service_worker))).walk("VEVENT")
    assert len(events) == 10
    assert str(events[0]["SUMMARY"]).startswith("Opplæringsdag 1 av 10: ")


def test_it_404s_the_feed_without_the_right_token(client, service_worker):
    url = reverse("registrations:calendar_feed", kwargs={"token": "not-the-token"})
    assert client.get(url).status_code == 404


def test_it_renews_the_token_and_retires_the_old_address(login, service_worker):
    old_url = feed_url(service_worker)
    client = login(service_worker)
    response = client.post(reverse("registrations:renew_calendar_token"), follow=True)
    assert "Kalenderadressen din er fornyet" in response.content.decode()
    service_worker.refresh_from_db()
    client.logout()
    assert client.get(old_url).status_code == 404
    assert client.get(feed_url(service_worker)).status_code == 200


def test_it_uses_utc_offsets_that_match_summer_and_winter(client, programme):
    winter = factories.SessionFactory(
        programme=programme, starts_at=dt.datetime(2031, 1, 14, 8, 0, tzinfo=dt.UTC)
    )
    event = session_ics(client, winter).walk("VEVENT")[0]
    assert event["DTSTART"].to_ical() == b"20310114T090000"


def test_it_publishes_the_programmes_sessions_as_one_calendar(client, db, assert_queries):
    programme = factories.ProgrammeFactory(name="Familiestøtte Oppland")
    sessions = factories.SessionFactory.create_batch(3, programme=programme)
    sessions[2].is_cancelled = True
    sessions[2].save()
    factories.SessionFactory()  # another programme's
    url = reverse("programme:calendar", kwargs={"slug": programme.slug})

    # 1 the programme, 2 its sessions with venues, 3 their talks (none: no speakers asked)
    with assert_queries(3):
        response = client.get(url)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    parsed = Calendar.from_ical(response.content)
    assert str(parsed["x-wr-calname"]) == "Familiestøtte Oppland"
    events = {str(event["uid"]): event for event in parsed.walk("VEVENT")}
    assert set(events) == {f"session-{s.pk}@familiestotte" for s in sessions}
    cancelled = events[f"session-{sessions[2].pk}@familiestotte"]
    assert str(cancelled["status"]) == "CANCELLED"
    assert str(events[f"session-{sessions[0].pk}@familiestotte"]["summary"]).startswith(
        "Opplæringsdag"
    )


def test_it_answers_404_for_an_unpublished_programmes_calendar(client, db):
    hidden = factories.ProgrammeFactory(is_published=False)

    url = reverse("programme:calendar", kwargs={"slug": hidden.slug})

    assert client.get(url).status_code == 404


def test_it_links_to_the_programme_calendar_from_the_programme_page(client, db):
    programme = factories.ProgrammeFactory()

    html = client.get(programme.get_absolute_url()).content.decode()

    assert reverse("programme:calendar", kwargs={"slug": programme.slug}) in html


def test_the_feed_carries_an_events_talks(client, guest, conference_talks, assert_queries):
    services.register(participant=guest, session=conference_talks[0].session)
    # 1 the person, 2 the registrations, 3 the talks, 4 their speakers
    with assert_queries(4):
        (event,) = parse(client.get(feed_url(guest))).walk("VEVENT")
    assert "10.00–11.00 Vi lever sammenvevde liv – Hilde Hem (Sal 2)" in str(event["DESCRIPTION"])
