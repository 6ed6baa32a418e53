"""«Kopier som nytt kull»: a coordinator sets up a new cohort from an earlier one."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from participants.models import Enrolment, Registration
from programme.models import Article, Programme, Session
from programme.services import copy_programme, moved
from tests import factories

OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def source(db):
    """A programme from Tuesday 2 March 2027, with a training day on Tuesday 9 March
    09.00 (winter time) and one on Tuesday 8 June 09.00 (summer time)."""
    programme = factories.ProgrammeFactory(
        name="Familiestøtte Oppland 2027",
        region="Oppland",
        starts_on=dt.date(2027, 3, 2),
        ends_on=dt.date(2027, 11, 30),
        reminder_days=[7, 2],
    )
    factories.GoalFactory.create_batch(4, programme=programme)
    parent = factories.ThemeFactory(programme=programme, title="Eksempler på pårørendetilbud")
    child = factories.ThemeFactory(programme=programme, parent=parent, title="Møteplass")
    factories.ContactPersonFactory(programme=programme)
    for number, day in enumerate([dt.date(2027, 3, 9), dt.date(2027, 6, 8)], start=1):
        session = factories.SessionFactory(
            programme=programme,
            number=number,
            starts_at=dt.datetime.combine(day, dt.time(9), OSLO),
            ends_at=dt.datetime.combine(day, dt.time(15, 30), OSLO),
            registration_deadline=dt.datetime.combine(day - dt.timedelta(7), dt.time(12), OSLO),
            is_cancelled=number == 2,
        )
        session.themes.set([child])
        factories.RegistrationFactory(session=session)
    factories.EnrolmentFactory(programme=programme)
    return programme


def copy(source, starts_on=dt.date(2028, 3, 1)):
    return copy_programme(
        source=source,
        name="Familiestøtte Hedmark 2028",
        slug="hedmark-2028",
        region="Hedmark",
        starts_on=starts_on,
    )


def test_it_copies_goals_themes_contact_persons_and_sessions_unpublished(source):
    new = copy(source)

    assert not new.is_published
    assert (new.name, new.region) == ("Familiestøtte Hedmark 2028", "Hedmark")
    assert new.ends_on - new.starts_on == source.ends_on - source.starts_on
    assert new.reminder_days == [7, 2]
    assert [g.text for g in new.goals.all()] == [g.text for g in source.goals.all()]
    assert new.contact_persons.count() == 1
    [child] = new.themes.filter(parent__isnull=False)
    assert child.parent.programme == new and child.parent.title == "Eksempler på pårørendetilbud"
    sessions = list(new.sessions.order_by("number"))
    assert [s.number for s in sessions] == [1, 2]
    assert all(list(s.themes.all()) == [child] for s in sessions)
    assert not any(s.is_cancelled for s in sessions)


def test_it_copies_no_people(source):
    new = copy(source)

    assert not Registration.objects.filter(session__programme=new).exists()
    assert not Enrolment.objects.filter(programme=new).exists()
    assert not Article.objects.filter(programme=new).exists()
    assert Registration.objects.filter(session__programme=source).count() == 2


def test_it_keeps_each_session_on_its_weekday_and_oslo_clock_time(source):
    # 364 days later is exactly 52 weeks; 1 March 2028 is a Wednesday, one day less.
    new = copy(source, starts_on=dt.date(2028, 3, 1))

    first, second = new.sessions.order_by("number")
    assert timezone.localtime(first.starts_at) == dt.datetime(2028, 3, 7, 9, 0, tzinfo=OSLO)
    assert timezone.localtime(second.starts_at) == dt.datetime(2028, 6, 6, 9, 0, tzinfo=OSLO)
    assert timezone.localtime(first.ends_at).time() == dt.time(15, 30)
    assert timezone.localtime(first.registration_deadline) == dt.datetime(
        2028, 2, 29, 12, 0, tzinfo=OSLO
    )


def test_it_moves_the_programmes_dates_by_the_same_weeks_as_its_sessions(source):
    # Tuesday 2 March 2027 to a Thursday: the nearest whole weeks, to Tuesday 29 February.
    new = copy(source, starts_on=dt.date(2028, 3, 2))

    assert (new.starts_on, new.ends_on) == (dt.date(2028, 2, 29), dt.date(2028, 11, 28))
    first, second = new.sessions.order_by("number")
    assert new.starts_on <= timezone.localdate(first.starts_at)
    assert timezone.localdate(second.ends_at) <= new.ends_on


def test_it_keeps_the_clock_time_across_a_daylight_saving_change():
    winter = dt.datetime(2027, 3, 23, 9, 0, tzinfo=OSLO)  # UTC+1

    summer = moved(winter, 1)  # 30 March, after the change to UTC+2

    assert summer.utcoffset() == dt.timedelta(hours=2)
    assert (summer.date(), summer.time()) == (dt.date(2027, 3, 30), dt.time(9, 0))


def test_it_leaves_the_source_as_it_was(source):
    before = list(Session.objects.filter(programme=source).values())

    copy(source)

    assert list(Session.objects.filter(programme=source).values()) == before
    assert Programme.objects.get(pk=source.pk).is_published


@pytest.fixture
def copy_url(source):
    return reverse("admin:programme_programme_copy", args=[source.pk])


def test_it_links_to_the_copy_from_the_programme_admin(coordinator_client, source, copy_url):
    response = coordinator_client.get(reverse("admin:programme_programme_change", args=[source.pk]))

    assert f'<a href="{copy_url}">Kopier som nytt kull</a>' in response.content.decode()


def test_it_sets_up_the_copy_from_the_admin_form(coordinator_client, source, copy_url):
    response = coordinator_client.post(
        copy_url,
        {"name": "Familiestøtte Hedmark 2028", "slug": "hedmark-2028", "region": "Hedmark",
         "starts_on": "2028-03-01"},
    )  # fmt: skip

    new = Programme.objects.get(slug="hedmark-2028")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:programme_programme_change", args=[new.pk])
    assert new.sessions.count() == 2
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "er satt opp som en kopi av «Familiestøtte Oppland 2027» og er ikke publisert" in page


def test_it_refuses_a_slug_in_use_in_norwegian_and_creates_nothing(
    coordinator_client, source, copy_url
):
    response = coordinator_client.post(
        copy_url,
        {"name": "Ny", "slug": source.slug, "region": "Hedmark", "starts_on": "2028-03-01"},
    )

    assert response.status_code == 200
    assert "Et annet kull har allerede denne adressen." in response.content.decode()
    assert Programme.objects.count() == 1


def test_it_asks_for_a_valid_start_date(coordinator_client, source, copy_url):
    response = coordinator_client.post(
        copy_url, {"name": "Ny", "slug": "ny", "region": "Hedmark", "starts_on": "1. mars"}
    )

    assert "Oppgi en gyldig dato." in response.content.decode()
    assert Programme.objects.count() == 1


def test_it_sends_a_non_staff_person_to_the_admin_login(client, login, service_worker, copy_url):
    response = login(service_worker).get(copy_url)

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert Programme.objects.count() == 1


@pytest.mark.parametrize("starts_on", ["9999-12-31", "0001-01-01", "2100-01-01"])
def test_it_refuses_a_start_date_far_from_today_in_norwegian(
    coordinator_client, source, copy_url, starts_on
):
    """Moving the sessions towards year 1 or 9999 left the calendar: OverflowError, a 500
    (found by tests/fuzz/)."""
    response = coordinator_client.post(
        copy_url, {"name": "Ny", "slug": "ny", "region": "Hedmark", "starts_on": starts_on}
    )

    assert response.status_code == 200
    assert "Velg en startdato som ligger høyst ti år fra i dag." in response.content.decode()
    assert Programme.objects.count() == 1
