"""Events that are not model saves leave exactly one row each: confirmations, messages,
account deletion and the retention job."""

import datetime as dt
import uuid

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from audit.models import Entry
from privacy.retention import forget_dietary_needs
from tests import factories

from .conftest import ADDRESS


def test_it_records_a_leader_confirmed(post, coordinator, organisation, mark):
    waiting = factories.LeaderFactory(
        organisation=organisation, leader_confirmed=False, full_name="Vera Ventende"
    )

    post(coordinator, reverse("coordination:confirm_leader", args=[waiting.pk]))

    row = mark.one(event=Entry.Event.LEADER_CONFIRMED)
    assert mark.new() == [row]
    assert (row.actor_id, row.remote_addr) == (coordinator.user.pk, ADDRESS)
    assert (row.person_id, row.organisation_id) == (waiting.user.pk, organisation.pk)
    assert row.object_repr == "Vera Ventende"
    assert row.changes == {"leader_confirmed": [False, True]}


def test_it_records_a_leader_role_turned_down(post, coordinator, organisation, mark):
    waiting = factories.LeaderFactory(organisation=organisation, leader_confirmed=False)

    post(coordinator, reverse("coordination:turn_down_leader", args=[waiting.pk]), {"note": ""})

    row = mark.one()
    assert row.event == Entry.Event.LEADER_TURNED_DOWN
    assert row.changes == {"role": ["leader", "service_worker"]}
    assert (row.actor_id, row.remote_addr) == (coordinator.user.pk, ADDRESS)


def test_it_records_a_membership_confirmed_by_the_leader(
    post, leader, unconfirmed_member, world, mark
):
    url = reverse(
        "resourcegroups:confirm_member",
        kwargs={"enrolment": world.own.enrolment.pk, "participant": unconfirmed_member.pk},
    )

    post(leader, url)

    row = mark.one()
    assert row.event == Entry.Event.MEMBERSHIP_CONFIRMED
    assert (row.actor_id, row.remote_addr) == (leader.user.pk, ADDRESS)
    assert (row.person_id, row.organisation_id) == (
        unconfirmed_member.user.pk,
        leader.organisation_id,
    )
    before, after = row.changes["membership_confirmed_at"]
    assert before is None and after.startswith(str(timezone.localdate().year))


def test_it_records_a_message_once_however_often_the_form_comes(
    post, coordinator, world, mark, django_capture_on_commit_callbacks
):
    url = reverse("coordination:programme_message", args=[world.programme.slug])
    sent = {
        "audience": "leaders",
        "subject": "Husk rapporten",
        "body": "Vel møtt.",
        "token": uuid.uuid4().hex,
        "send": "1",  # past the preview
    }

    with django_capture_on_commit_callbacks(execute=True):
        post(coordinator, url, sent)
        post(coordinator, url, sent)

    row = mark.one(event=Entry.Event.MESSAGE_SENT)
    assert (row.actor_id, row.remote_addr) == (coordinator.user.pk, ADDRESS)
    assert row.object_repr == world.programme.name
    assert row.changes == {"subject": [None, "Husk rapporten"]}
    assert row.additional_data == {"recipients": 2}


def test_it_records_an_account_deleted_without_naming_the_person(post, service_worker, mark):
    response = post(
        service_worker, reverse("privacy:delete_account"), {"password": factories.PASSWORD}
    )

    assert response.status_code == 302
    assert not User.objects.filter(pk=service_worker.user_id).exists()
    row = mark.one(event=Entry.Event.ACCOUNT_DELETED)
    assert (row.actor_id, row.person_id, row.remote_addr) == (None, None, None)
    assert service_worker.user.email not in row.object_repr
    assert row.organisation_id == service_worker.organisation_id


def test_it_records_what_the_retention_job_cleared(service_worker, mark):
    service_worker.dietary_needs = "Glutenfri"
    service_worker.dietary_needs_changed_at = timezone.now() - dt.timedelta(days=40)
    service_worker.save()
    mark.reset()

    assert forget_dietary_needs() == 1
    assert forget_dietary_needs() == 0

    row = mark.one()
    assert (row.event, row.actor_id) == (Entry.Event.DATA_CLEARED, None)
    assert row.additional_data == {"field": "dietary_needs", "count": 1}
