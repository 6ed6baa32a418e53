"""A programme with two enrolled organisations, each with a resource group, a routine,
an offer, a partner, a meeting and a report: one the personas' own, one the outsiders'.
And a supervision group led by a supervisor, with the service worker as member and one
meeting."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from resourcegroups import services
from resourcegroups.models import Offer, Routine, SupervisionGroup
from tests import factories


def build_enrolment(*, programme, organisation, leader, worker, goals, gathering):
    enrolment = factories.EnrolmentFactory(programme=programme, organisation=organisation)
    services.add_member(enrolment=enrolment, participant=worker)
    group = services.set_contact_person(enrolment=enrolment, participant=leader)
    meeting = services.record_meeting(
        group=group, met_on=timezone.localdate(), notes="Første møte.", actor=leader.user
    )
    routine = services.create_work(
        model=Routine,
        enrolment=enrolment,
        actor=leader.user,
        title="Rutine for første samtale med pårørende",
        goals=goals[2:3],
    )
    offer = services.create_work(
        model=Offer,
        enrolment=enrolment,
        actor=leader.user,
        title="Pårørendegruppe",
        kind=Offer.Kind.LEARNING_AND_COPING,
        goals=goals[1:2],
    )
    partner = services.add_partner(
        enrolment=enrolment, name="LPP lokallag", kind="user_organisation"
    )
    report = factories.ProgressReportFactory(enrolment=enrolment, gathering=gathering)
    return SimpleNamespace(
        enrolment=enrolment,
        group=group,
        meeting=meeting,
        routine=routine,
        offer=offer,
        partner=partner,
        report=report,
        leader=leader,
        worker=worker,
    )


@pytest.fixture
def world(programme, leader, service_worker, other_leader, other_service_worker):
    goals = [
        factories.GoalFactory(programme=programme, number=n, text=f"Mål {n}") for n in range(1, 5)
    ]
    start = timezone.now() + dt.timedelta(days=40)
    training_days = [
        factories.SessionFactory(
            programme=programme, number=n, starts_at=start + dt.timedelta(days=7 * n)
        )
        for n in (1, 2)
    ]
    gathering = factories.LeaderGatheringFactory(
        programme=programme, number=1, starts_at=start, title="Lederrollen"
    )
    own = build_enrolment(
        programme=programme,
        organisation=leader.organisation,
        leader=leader,
        worker=service_worker,
        goals=goals,
        gathering=gathering,
    )
    other = build_enrolment(
        programme=programme,
        organisation=other_leader.organisation,
        leader=other_leader,
        worker=other_service_worker,
        goals=goals,
        gathering=gathering,
    )
    return SimpleNamespace(
        programme=programme,
        goals=goals,
        training_days=training_days,
        gathering=gathering,
        own=own,
        other=other,
    )


@pytest.fixture
def supervisor(db):
    return factories.SupervisorFactory(full_name="Vera Veileder")


@pytest.fixture
def supervision_group(programme, supervisor, service_worker):
    supervision = SupervisionGroup.objects.create(
        programme=programme,
        name="Veiledningsgruppe Gjøvik",
        region="Innlandet",
        supervisor=supervisor,
    )
    supervision.members.add(service_worker)
    supervision.meetings.add(factories.SupervisionMeetingFactory(programme=programme, number=1))
    return supervision
