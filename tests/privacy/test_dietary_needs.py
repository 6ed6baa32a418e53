"""Dietary needs are kept while the kitchen needs them, and cleared after (nightly)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from familiestotte.celery import app
from participants.models import Participant, Registration
from privacy.retention import DIETARY_NEEDS_KEPT_DAYS, forget_dietary_needs
from privacy.tasks import forget_dietary_needs as forget_task
from tests import factories

LONG_AGO = timezone.now() - dt.timedelta(days=DIETARY_NEEDS_KEPT_DAYS + 60)


@pytest.fixture
def person(db):
    participant = factories.ParticipantFactory(dietary_needs="Glutenfri")
    Participant.objects.filter(pk=participant.pk).update(
        created_at=LONG_AGO, dietary_needs_changed_at=LONG_AGO
    )
    return participant


def session_ended(days_ago: float):
    ends = timezone.now() - dt.timedelta(days=days_ago)
    return factories.SessionFactory(
        starts_at=ends - dt.timedelta(hours=6),
        ends_at=ends,
        registration_deadline=ends - dt.timedelta(days=7),
    )


def dietary_needs(participant) -> str:
    return Participant.objects.get(pk=participant.pk).dietary_needs


def test_it_keeps_them_for_an_upcoming_session(person):
    factories.RegistrationFactory(participant=person, session=factories.SessionFactory())

    assert forget_dietary_needs() == 0
    assert dietary_needs(person) == "Glutenfri"


def test_it_keeps_them_for_a_session_that_ended_recently(person):
    factories.RegistrationFactory(participant=person, session=session_ended(days_ago=10))

    forget_dietary_needs()

    assert dietary_needs(person) == "Glutenfri"


def test_it_clears_them_after_the_last_session_is_long_past(person):
    factories.RegistrationFactory(participant=person, session=session_ended(days_ago=31))

    assert forget_dietary_needs() == 1
    assert dietary_needs(person) == ""


def test_it_clears_them_when_the_only_upcoming_registration_is_cancelled(person):
    factories.RegistrationFactory(
        participant=person, session=factories.SessionFactory(), status=Registration.Status.CANCELLED
    )

    forget_dietary_needs()

    assert dietary_needs(person) == ""


def test_it_keeps_them_for_someone_who_signed_up_recently(db):
    newcomer = factories.ParticipantFactory(dietary_needs="Vegetar")

    forget_dietary_needs()

    assert dietary_needs(newcomer) == "Vegetar"


def test_it_keeps_them_for_someone_who_wrote_them_just_now(login, person):
    # Signed up long ago, no registration yet: they write their needs today, and register
    # tomorrow; tonight's run must leave them.
    login(person).post(
        reverse("participants:profile"),
        {
            "full_name": person.full_name,
            "phone": "40000001",
            "organisation": person.organisation_id,
            "role": person.role,
            "job_title": person.job_title,
            "dietary_needs": "Laktosefri",
        },
    )

    assert forget_dietary_needs() == 0
    assert dietary_needs(person) == "Laktosefri"


def test_it_changes_nothing_when_run_twice_and_nothing_else(person):
    other = factories.ParticipantFactory(full_name="Ola Annen", phone="400 00 003")
    factories.RegistrationFactory(participant=person, session=session_ended(days_ago=40))

    assert forget_dietary_needs() == 1
    assert forget_dietary_needs() == 0
    person.refresh_from_db()
    assert (person.dietary_needs, person.full_name) == ("", person.full_name)
    assert Participant.objects.get(pk=other.pk).phone == "400 00 003"


def test_it_runs_nightly_from_beat(person):
    [entry] = [e for e in app.conf.beat_schedule.values() if e["task"] == forget_task.name]
    assert entry["schedule"].hour == {3}
    assert forget_task.delay().get() == 1


def test_it_tells_people_when_on_the_profile_form(login, person):
    response = login(person).get(reverse("participants:profile"))

    assert "Det slettes 30 dager etter din siste samling." in response.content.decode()


def test_it_says_so_beside_them_on_the_personal_data_page(login, person):
    response = login(person).get(reverse("privacy:my_data"))

    assert (
        'Glutenfri <span class="text-muted">(en helseopplysning om deg, slettes 30 dager etter '
        "din siste samling)" in response.content.decode()
    )


def test_the_profile_form_says_they_are_health_information(login, person):
    response = login(person).get(reverse("participants:profile"))

    assert "En allergi eller cøliaki er en helseopplysning om deg" in response.content.decode()
