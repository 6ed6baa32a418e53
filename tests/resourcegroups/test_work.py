"""Routines and offers: every status change kept, complete and in order."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from resourcegroups import services
from resourcegroups.models import Offer, Routine, StatusChange


def test_it_records_the_first_status_when_an_offer_is_created(login, leader, world):
    response = login(leader).post(
        reverse("resourcegroups:offer_new", kwargs={"enrolment": world.own.enrolment.pk}),
        {
            "title": "Møteplass for pårørende",
            "kind": Offer.Kind.LOW_THRESHOLD,
            "status": "planned",
            "goals": [world.goals[1].pk, world.goals[3].pk],
        },
    )
    offer = Offer.objects.get(title="Møteplass for pårørende")
    assert response["Location"] == offer.get_absolute_url()
    assert [(c.from_status, c.to_status, c.changed_by) for c in offer.status_changes.all()] == [
        ("", "planned", leader.user)
    ]
    assert set(offer.goals.all()) == {world.goals[1], world.goals[3]}


def test_it_keeps_every_status_change_complete_and_ordered(login, leader, coordinator, world):
    offer = world.own.offer
    steps = [(leader, "planned"), (coordinator, "in_progress"), (leader, "established")]
    for person, status in steps:
        login(person).post(
            reverse(
                "resourcegroups:offer_status",
                kwargs={"enrolment": world.own.enrolment.pk, "pk": offer.pk},
            ),
            {"status": status, "note": f"til {status}"},
        )
    history = list(offer.status_changes.all())
    assert [(c.from_status, c.to_status) for c in history] == [
        ("", "idea"),
        ("idea", "planned"),
        ("planned", "in_progress"),
        ("in_progress", "established"),
    ]
    assert [c.changed_by for c in history[1:]] == [leader.user, coordinator.user, leader.user]
    assert [c.changed_at for c in history] == sorted(c.changed_at for c in history)
    offer.refresh_from_db()
    assert offer.status == "established"


def test_it_records_nothing_when_the_status_is_unchanged(login, leader, world):
    before = StatusChange.objects.count()
    login(leader).post(
        reverse(
            "resourcegroups:routine_status",
            kwargs={"enrolment": world.own.enrolment.pk, "pk": world.own.routine.pk},
        ),
        {"status": "idea"},
    )
    assert StatusChange.objects.count() == before


def test_it_shows_the_history_oldest_first_on_the_page(login, service_worker, leader, world):
    services.change_status(item=world.own.routine, to_status="planned", actor=leader.user)
    services.change_status(item=world.own.routine, to_status="ended", actor=leader.user)
    content = login(service_worker).get(world.own.routine.get_absolute_url()).content.decode()
    assert content.index("Idé → <strong>Planlagt") < content.index("Planlagt → <strong>Avsluttet")


def test_it_refuses_an_unknown_status_with_a_message(login, leader, world):
    response = login(leader).post(
        reverse(
            "resourcegroups:routine_status",
            kwargs={"enrolment": world.own.enrolment.pk, "pk": world.own.routine.pk},
        ),
        {"status": "magic"},
    )
    assert response.status_code == 400
    assert "Velg et gyldig valg" in response.content.decode()


def test_it_orders_history_by_time_not_by_id(world, leader):
    routine = world.own.routine
    later = timezone.now() + dt.timedelta(hours=1)
    StatusChange.objects.create(
        routine=routine, from_status="planned", to_status="ended", changed_at=later
    )
    StatusChange.objects.create(
        routine=routine,
        from_status="idea",
        to_status="planned",
        changed_at=later - dt.timedelta(minutes=30),
    )
    assert [c.to_status for c in routine.status_changes.all()] == ["idea", "planned", "ended"]


@pytest.mark.django_db(transaction=True)
def test_it_keeps_both_of_two_concurrent_status_changes_in_the_history(programme, leader):
    """Two people change the same routine at once, each on their own connection: both
    changes are kept, and each starts from the status the other left (the row lock)."""
    from tests import factories

    enrolment = factories.EnrolmentFactory(programme=programme, organisation=leader.organisation)
    routine = services.create_work(
        model=Routine, enrolment=enrolment, actor=leader.user, title="Første samtale"
    )
    barrier = threading.Barrier(2)
    errors = []

    def change(to_status):
        try:
            item = Routine.objects.get(pk=routine.pk)
            barrier.wait()
            services.change_status(item=item, to_status=to_status, actor=leader.user)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=change, args=(s,)) for s in ("planned", "in_progress")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    history = list(routine.status_changes.all())
    assert len(history) == 3
    # A chain: each change starts where the one before it ended.
    for before, after in zip(history, history[1:], strict=False):
        assert after.from_status == before.to_status
    routine.refresh_from_db()
    assert routine.status == history[-1].to_status


def test_it_lists_partners_for_the_service_worker_read_only(login, service_worker, world):
    response = login(service_worker).get(
        reverse("resourcegroups:work", kwargs={"enrolment": world.own.enrolment.pk})
    )
    content = response.content.decode()
    assert "LPP lokallag" in content
    assert "Legg til samarbeidspartner" not in content


def test_a_refused_change_leaves_the_page_heading_as_it_was(login, leader, world):
    routine = world.own.routine
    response = login(leader).post(
        reverse(
            "resourcegroups:routine_edit",
            kwargs={"enrolment": world.own.enrolment.pk, "pk": routine.pk},
        ),
        {"title": "Nytt navn", "description": "", "goals": ["999999"]},
    )
    assert response.status_code == 400
    assert response.context["item"].title == routine.title
    assert "Nytt navn" in response.content.decode()  # kept in the form field
    routine.refresh_from_db()
    assert routine.title == "Rutine for første samtale med pårørende"
