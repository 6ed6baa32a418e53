"""A deleted person's rows no longer name them: not as actor, not as the person a row is
about, not in the object's text or the values before and after; their address is gone.
What they did stays, and other people's rows are untouched."""

import json

from django.urls import reverse

import audit
from audit.models import Entry
from tests import factories

from .conftest import ADDRESS


def rows_naming(person, user_pk=None):
    user_pk = user_pk or person.user.pk
    needles = [person.full_name.lower(), person.user.email.lower()]
    found = []
    for row in Entry.objects.all():
        text = json.dumps(
            [row.object_repr, row.actor_email, row.changes, row.additional_data],
            ensure_ascii=False,
        ).lower()
        if any(needle in text for needle in needles) or user_pk in {
            row.actor_id,
            row.person_id,
        }:
            found.append(row)
    return found


def test_a_deleted_persons_rows_no_longer_name_them(client, post, leader, world, mark):
    worker = world.own.worker
    client.post(
        reverse("account_login"),
        {"login": worker.user.email, "password": factories.PASSWORD},
        REMOTE_ADDR=ADDRESS,
    )
    logged_in = mark.one(event=Entry.Event.LOGGED_IN)
    url = reverse("resourcegroups:contact", kwargs={"enrolment": world.own.enrolment.pk})
    post(leader, url, {"contact_person": worker.pk})
    leaders_row = mark.one()
    assert len(rows_naming(worker)) >= 3  # membership, log-in, contact person

    client.force_login(worker.user)
    client.post(reverse("privacy:delete_account"), {"password": factories.PASSWORD})

    assert rows_naming(worker) == []
    logged_in.refresh_from_db()
    assert (logged_in.event, logged_in.actor_id, logged_in.remote_addr) == (
        Entry.Event.LOGGED_IN,
        None,
        None,
    )
    assert logged_in.actor_email == audit.PLACEHOLDER
    # The leader's row keeps the leader and their address; only the worker's name goes.
    leaders_row.refresh_from_db()
    assert (leaders_row.actor_id, leaders_row.remote_addr) == (leader.user.pk, ADDRESS)
    assert leaders_row.changes == {"contact_person": [leader.full_name, audit.PLACEHOLDER]}


def test_it_shreds_a_user_deleted_another_way_and_the_rows_the_deletion_writes(
    post, coordinator, leader, world
):
    worker = world.own.worker
    post(coordinator, reverse("coordination:confirm_member", args=[worker.pk]))
    audit.record("logged_in", actor=worker.user, obj=worker.user, person=worker.user)

    user_pk = worker.user.pk
    worker.user.delete()  # as the admin does: the membership goes with the profile

    assert rows_naming(worker, user_pk) == []
    deleted = Entry.objects.filter(event=Entry.Event.DELETED).latest("pk")
    assert deleted.object_repr == audit.PLACEHOLDER


def test_shredding_again_changes_nothing(leader):
    audit.record("logged_in", actor=leader.user, obj=leader.user, person=leader.user)

    assert audit.shred_person(leader.user) == 1
    assert audit.shred_person(leader.user) == 0
