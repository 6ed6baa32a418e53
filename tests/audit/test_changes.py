"""Each change a coordinator or leader makes leaves exactly one row: who, the values
before and after, the client's address and, for the unit's work, its organisation."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Entry
from resourcegroups.models import Membership, Partner
from tests import factories

from .conftest import ADDRESS


def unit_url(world, name, **kwargs):
    return reverse(f"resourcegroups:{name}", kwargs={"enrolment": world.own.enrolment.pk, **kwargs})


def assert_by(row, participant, *, organisation=None):
    assert row.actor_id == participant.user.pk
    assert row.actor_email == participant.user.email
    assert row.remote_addr == ADDRESS
    assert row.organisation_id == (organisation.pk if organisation else None)


def test_it_records_a_capacity_change_with_before_and_after(post, coordinator, mark):
    session = factories.SessionFactory(capacity=20)
    mark.reset()

    post(coordinator, reverse("coordination:capacity", args=[session.pk]), {"capacity": 25})

    row = mark.one()
    assert (row.event, row.object_pk) == (Entry.Event.CHANGED, str(session.pk))
    assert row.changes == {"capacity": [20, 25]}
    assert_by(row, coordinator)


def test_it_records_a_member_added(post, leader, world, mark):
    colleague = factories.ParticipantFactory(
        organisation=leader.organisation, full_name="Ny Kollega"
    )

    post(leader, unit_url(world, "add_member"), {"participant": colleague.pk})

    row = mark.one()
    assert (row.event, row.object_repr) == (Entry.Event.CREATED, "Ny Kollega")
    assert row.changes["participant"] == [None, "Ny Kollega"]
    assert_by(row, leader, organisation=leader.organisation)


def test_it_records_a_member_removed(post, leader, world, mark):
    post(leader, unit_url(world, "remove_member", participant=world.own.worker.pk))

    row = mark.one()
    assert row.event == Entry.Event.DELETED
    assert row.object_repr == world.own.worker.full_name
    assert not Membership.objects.filter(participant=world.own.worker).exists()
    assert_by(row, leader, organisation=leader.organisation)


def test_it_records_a_new_contact_person(post, leader, world, mark):
    # Already a member: the contact person changes and nothing else.
    post(leader, unit_url(world, "contact"), {"contact_person": world.own.worker.pk})

    row = mark.one()
    assert row.event == Entry.Event.CHANGED
    assert row.changes == {"contact_person": [leader.full_name, world.own.worker.full_name]}
    assert_by(row, leader, organisation=leader.organisation)


def test_it_records_a_partner_added_and_removed(post, leader, world, mark):
    post(
        leader,
        unit_url(world, "add_partner"),
        {"name": "Mental Helse", "kind": "user_organisation", "description": ""},
    )
    added = mark.one()
    assert (added.event, added.object_repr) == (Entry.Event.CREATED, "Mental Helse")
    assert_by(added, leader, organisation=leader.organisation)
    mark.reset()

    partner = Partner.objects.get(name="Mental Helse")
    post(leader, unit_url(world, "remove_partner", pk=partner.pk))

    removed = mark.one()
    assert removed.event == Entry.Event.DELETED
    assert removed.changes["name"] == ["Mental Helse", None]
    assert_by(removed, leader, organisation=leader.organisation)


def test_it_records_a_meeting_text_edit(post, leader, world, mark):
    meeting = world.own.meeting
    post(
        leader,
        unit_url(world, "meeting", pk=meeting.pk),
        {"met_on": meeting.met_on.isoformat(), "notes": "Vi valgte ny kontaktperson."},
    )

    row = mark.one()
    assert row.changes == {"notes": ["Første møte.", "Vi valgte ny kontaktperson."]}
    assert_by(row, leader, organisation=leader.organisation)


@pytest.mark.parametrize("kind", ["routine", "offer"])
def test_it_records_a_routine_or_offer_text_edit(post, leader, world, mark, kind):
    item = getattr(world.own, kind)
    data = {"title": "Nytt navn", "description": "Ny tekst", "goals": []}
    if kind == "offer":
        data["kind"] = item.kind

    response = post(leader, unit_url(world, f"{kind}_edit", pk=item.pk), data)

    assert response.status_code == 302
    row = mark.one()
    assert row.changes == {"title": [item.title, "Nytt navn"], "description": ["", "Ny tekst"]}
    assert_by(row, leader, organisation=leader.organisation)


def test_it_records_a_report_reopened(post, coordinator, world, mark):
    report = world.own.report
    report.status = report.Status.SUBMITTED
    report.submitted_at = timezone.now() - dt.timedelta(days=1)
    report.save()
    mark.reset()

    post(
        coordinator,
        unit_url(world, "reopen_report", gathering=world.gathering.pk),
    )

    row = mark.one()
    assert row.changes["status"] == ["submitted", "draft"]
    assert row.changes["submitted_at"][1] is None
    assert_by(row, coordinator, organisation=world.own.enrolment.organisation)


def test_a_change_outside_a_request_has_no_actor_and_no_address(world, mark):
    world.own.partner.name = "Endret av en jobb"
    world.own.partner.save()

    row = mark.one()
    assert (row.actor_id, row.remote_addr) == (None, None)
