"""The world of tests/fixtures/resourcegroups.py with an implementation plan for its
programme: two phases, four milestones, one with a due date already passed."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from implementation.models import Evidence, Milestone, Phase


@pytest.fixture
def plan(world):
    programme = world.programme
    programme.starts_on = timezone.localdate() - dt.timedelta(days=60)
    programme.save(update_fields=["starts_on"])
    world.own.enrolment.enrolled_on = programme.starts_on
    world.own.enrolment.save(update_fields=["enrolled_on"])
    anchoring = Phase.objects.create(programme=programme, order=1, name="Forankring")
    doing = Phase.objects.create(programme=programme, order=2, name="Gjennomføring")
    goals = world.goals
    return SimpleNamespace(
        anchoring=anchoring,
        doing=doing,
        group=Milestone.objects.create(
            phase=anchoring,
            order=1,
            title="Ressursgruppen er etablert",
            goal=goals[2],
            due_days=30,
            evidence=Evidence.GROUP_ESTABLISHED,
        ),
        staff=Milestone.objects.create(
            phase=anchoring, order=2, title="Ansatte er påmeldt", goal=goals[0], due_days=90
        ),
        routine=Milestone.objects.create(
            phase=doing,
            order=1,
            title="Rutine vedtatt",
            goal=goals[2],
            evidence=Evidence.ROUTINE_ESTABLISHED,
        ),
        partner=Milestone.objects.create(
            phase=doing,
            order=2,
            title="Samarbeidspartner navngitt",
            goal=goals[3],
            evidence=Evidence.PARTNER_NAMED,
        ),
    )
