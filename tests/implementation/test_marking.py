"""Marking a milestone: reached with a date and a note, not relevant with a reason,
every change kept with who and when; bad input answered in Norwegian, never a 500."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from implementation.models import MilestoneChange, MilestoneRecord


def url(world, milestone):
    return reverse(
        "implementation:mark",
        kwargs={"enrolment": world.own.enrolment.pk, "pk": milestone.pk},
    )


def days_ago(n):
    return (timezone.localdate() - dt.timedelta(days=n)).isoformat()


def test_it_marks_a_milestone_reached_with_a_date_and_a_note(login, leader, world, plan):
    response = login(leader).post(
        url(world, plan.group),
        {"status": "reached", "reached_on": days_ago(3), "note": "Første møte holdt."},
    )
    assert response.status_code == 302
    record = MilestoneRecord.objects.get(enrolment=world.own.enrolment, milestone=plan.group)
    assert (record.status, record.reached_on, record.note) == (
        "reached",
        timezone.localdate() - dt.timedelta(days=3),
        "Første møte holdt.",
    )


def test_it_keeps_every_change_with_who_and_when(login, leader, world, plan):
    client = login(leader)
    client.post(url(world, plan.staff), {"status": "reached", "reached_on": days_ago(3)})
    client.post(url(world, plan.staff), {"status": "not_relevant", "note": "Ingen ansatte nå."})
    changes = list(MilestoneChange.objects.filter(record__milestone=plan.staff))
    assert [(c.from_status, c.to_status) for c in changes] == [
        ("", "reached"),
        ("reached", "not_relevant"),
    ]
    assert all(c.changed_by == leader.user for c in changes)
    assert changes[1].note == "Ingen ansatte nå."
    assert changes[1].reached_on is None
    page = client.get(url(world, plan.staff)).content.decode()
    assert "Lise Leder" in page and "Ingen ansatte nå." in page


def test_it_records_nothing_when_nothing_changed(login, leader, world, plan):
    client = login(leader)
    data = {"status": "reached", "reached_on": days_ago(3)}
    client.post(url(world, plan.group), data)
    client.post(url(world, plan.group), data)
    assert MilestoneChange.objects.count() == 1


BAD_INPUT = {
    "a date in the future": (
        {"status": "reached", "reached_on": days_ago(-1)},
        "Datoen kan ikke være fram i tid.",
    ),
    "a date before the programme starts": (
        {"status": "reached", "reached_on": days_ago(61)},
        "Datoen kan ikke være før",
    ),
    "reached without a date": ({"status": "reached"}, "Oppgi datoen milepælen ble nådd."),
    "not a date": ({"status": "reached", "reached_on": "i går"}, "Oppgi en gyldig dato."),
    "not relevant without a reason": (
        {"status": "not_relevant", "note": "  "},
        "Skriv hvorfor milepælen ikke er relevant for enheten.",
    ),
    "an unknown status": ({"status": "done"}, "Velg et gyldig valg."),
    "a note too long": (
        {"status": "reached", "reached_on": days_ago(1), "note": "x" * 301},
        "300 eller færre tegn",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUT)
def test_it_refuses_bad_input_with_a_message(case, login, leader, world, plan):
    data, message = BAD_INPUT[case]
    response = login(leader).post(url(world, plan.group), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MilestoneRecord.objects.exists()


def test_it_reminds_that_notes_hold_nothing_about_patients(login, leader, world, plan):
    page = login(leader).get(url(world, plan.group)).content.decode()
    assert "Aldri noe om pasienter eller pårørende" in page
