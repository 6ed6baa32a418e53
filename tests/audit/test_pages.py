"""The audit log's pages: coordinators read every row in the workspace, filtered and
paginated; a leader reads their own organisation's rows on «Min enhet»; anyone else
gets 404 (403 for the unit's own staff)."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from audit.models import Entry
from resourcegroups.models import Partner, Routine

from .conftest import ADDRESS

LOG = reverse("coordination:audit_log")


def entry(*, actor=None, organisation=None, obj=None, days_ago=0, **fields):
    values = {
        "event": Entry.Event.CHANGED,
        "actor": actor.user if actor else None,
        "actor_email": actor.user.email if actor else None,
        "organisation_id": organisation.pk if organisation else None,
        "remote_addr": ADDRESS,
        "timestamp": timezone.now() - dt.timedelta(days=days_ago),
        "object_repr": str(obj) if obj else "",
        **fields,
    }
    if obj is not None:
        values["content_type"] = ContentType.objects.get_for_model(obj)
        values["object_pk"] = str(obj.pk)
    return Entry.objects.create(**values)


def shown(response):
    return [entry.pk for entry in response.context["page_obj"]]


def unit_log(enrolment):
    return reverse("resourcegroups:audit_log", kwargs={"enrolment": enrolment.pk})


@pytest.fixture
def rows(world, leader, other_leader, coordinator):
    return {
        "own": entry(actor=leader, organisation=leader.organisation, obj=world.own.routine),
        "other": entry(
            actor=other_leader, organisation=other_leader.organisation, obj=world.other.partner
        ),
        "old": entry(actor=coordinator, obj=world.gathering, days_ago=40),
    }


def test_a_coordinator_reads_every_row_with_who_what_and_where(coordinator_client, rows):
    response = coordinator_client.get(LOG)

    assert response.status_code == 200
    assert {rows["own"].pk, rows["other"].pk, rows["old"].pk} <= set(shown(response))
    page = response.content.decode()
    assert "Lise Leder" in page and "Gjøvik kommune" in page and ADDRESS in page


def test_it_filters_by_person(coordinator_client, rows):
    response = coordinator_client.get(LOG, {"person": "lise"})
    assert shown(response) == [rows["own"].pk]


def test_it_filters_by_organisation(coordinator_client, rows, other_leader):
    response = coordinator_client.get(LOG, {"organisation": other_leader.organisation_id})
    assert rows["other"].pk in shown(response)
    assert rows["own"].pk not in shown(response)


def test_it_filters_by_type_of_object(coordinator_client, rows):
    routine_type = ContentType.objects.get_for_model(Routine).pk
    response = coordinator_client.get(LOG, {"object_type": routine_type})
    assert rows["own"].pk in shown(response)
    assert not {rows["other"].pk, rows["old"].pk} & set(shown(response))
    partner_type = ContentType.objects.get_for_model(Partner).pk
    assert rows["other"].pk in shown(coordinator_client.get(LOG, {"object_type": partner_type}))


def test_it_filters_by_event(coordinator_client, rows, coordinator):
    login_row = entry(actor=coordinator, event=Entry.Event.LOGGED_IN)
    ids = shown(coordinator_client.get(LOG, {"event": "logged_in"}))
    assert login_row.pk in ids
    assert Entry.objects.filter(pk__in=ids).exclude(event="logged_in").count() == 0


def test_it_filters_by_date_range_in_oslo_days(coordinator_client, rows):
    today = timezone.localdate()
    old_day = timezone.localdate(rows["old"].timestamp)

    recent = shown(coordinator_client.get(LOG, {"since": today.isoformat()}))
    that_day = shown(
        coordinator_client.get(LOG, {"since": old_day.isoformat(), "until": old_day.isoformat()})
    )

    assert rows["own"].pk in recent and rows["old"].pk not in recent
    assert that_day == [rows["old"].pk]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"since": "2026-05-02", "until": "2026-05-01"}, "until", "Til-datoen må være"),
        ({"since": "ikke en dato"}, "since", "Skriv datoen som dd.mm.åååå."),
        ({"organisation": "999999"}, "organisation", "Velg en organisasjon fra listen."),
    ],
)
def test_it_answers_bad_filters_in_norwegian(coordinator_client, rows, query, field, message):
    response = coordinator_client.get(LOG, query)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])


def test_it_shows_fifty_rows_a_page(coordinator_client, coordinator):
    for _ in range(51):
        entry(actor=coordinator)

    first = coordinator_client.get(LOG)
    second = coordinator_client.get(LOG, {"side": 2})

    assert len(shown(first)) == 50
    assert len(shown(second)) == Entry.objects.count() - 50
    assert 'href="?side=2"' in first.content.decode()


def test_nobody_but_a_coordinator_reads_the_workspace_log(client, login, leader, rows):
    assert client.get(LOG).status_code == 302  # to the log-in page
    assert login(leader).get(LOG).status_code == 404


def test_a_leader_reads_only_their_own_organisations_rows(login, leader, world, rows):
    response = login(leader).get(unit_log(world.own.enrolment))

    assert response.status_code == 200
    ids = shown(response)
    assert rows["own"].pk in ids
    assert not {rows["other"].pk, rows["old"].pk} & set(ids)
    page = response.context["page_obj"]
    assert all(row.organisation_id == leader.organisation_id for row in page)
    assert ADDRESS not in response.content.decode()  # addresses are for coordinators


def test_the_unit_log_is_404_outside_the_organisation_and_403_for_its_staff(
    login, leader, other_leader, service_worker, world, rows
):
    assert login(other_leader).get(unit_log(world.own.enrolment)).status_code == 404
    assert login(service_worker).get(unit_log(world.own.enrolment)).status_code == 403
    assert login(leader).get(unit_log(world.other.enrolment)).status_code == 404


def test_the_unit_pages_link_to_the_log_for_the_leader_only(login, leader, service_worker, world):
    url = unit_log(world.own.enrolment)
    organisation_page = reverse(
        "resourcegroups:organisation", kwargs={"enrolment": world.own.enrolment.pk}
    )
    assert url in login(leader).get(organisation_page).content.decode()
    assert url not in login(service_worker).get(organisation_page).content.decode()
