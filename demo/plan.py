"""The demo's implementation plan, after the leaflet: anchoring the work at the
workplace, carrying it out along the four goals, and keeping it going afterwards.
Created only if the programme has no plan, so loading twice changes nothing."""

import datetime as dt

from django.utils import timezone

from implementation import services as implementation
from implementation.models import Evidence, Milestone, MilestoneStatus, Phase
from participants.models import Enrolment, Participant
from programme.models import Programme

# (phase, description, [(title, goal number, due days after the start, evidence)])
PLAN: list[tuple[str, str, list[tuple[str, int, int, str]]]] = [
    (
        "Forankring",
        "Ledelsen forankrer arbeidet, og enheten setter av tid.",
        [
            ("Lederen har forpliktet enheten og satt av tid", 1, 0, Evidence.COMMITMENT),
            ("Ansatte er påmeldt opplæringsdagene", 1, 14, Evidence.STAFF_REGISTERED),
            ("Ressursgruppen er etablert og har hatt første møte", 3, 45,
             Evidence.GROUP_ESTABLISHED),
        ],
    ),
    (
        "Gjennomføring",
        "Ressursgruppen utvikler rutiner og tilbud og knytter til seg samarbeidspartnere.",
        [
            ("Rutine for samtaler med pårørende er vedtatt", 3, 120, Evidence.ROUTINE_ESTABLISHED),
            ("Brukerorganisasjon eller frivillig organisasjon er navngitt som samarbeidspartner",
             4, 150, Evidence.PARTNER_NAMED),
            ("Et lokalt tilbud til pårørende er startet", 2, 180, Evidence.OFFER_STARTED),
            ("Samarbeid med det andre tjenestenivået er avtalt", 4, 210, ""),
        ],
    ),
    (
        "Videreføring",
        "Arbeidet fortsetter når programmet er slutt.",
        [
            ("Rutinene er gjennomgått etter seks måneder", 3, 300, ""),
            ("Tilbudet til pårørende fortsetter etter programmet", 2, 365, ""),
        ],
    ),
]  # fmt: skip


def load_plan(programme: Programme) -> None:
    if Phase.objects.filter(programme=programme).exists():
        return
    goals = {goal.number: goal for goal in programme.goals.all()}
    for order, (name, description, milestones) in enumerate(PLAN, start=1):
        phase = Phase.objects.create(
            programme=programme, order=order, name=name, description=description
        )
        for number, (title, goal, due_days, evidence) in enumerate(milestones, start=1):
            Milestone.objects.create(
                phase=phase,
                order=number,
                title=title,
                goal=goals[goal],
                due_days=due_days,
                evidence=evidence,
            )


def mark_first_milestone(enrolment: Enrolment, leader: Participant) -> None:
    """The demo leader's unit has confirmed its commitment, so the timeline shows a
    reached milestone beside the ones the unit's data proposes."""
    first = Milestone.objects.filter(phase__programme=enrolment.programme).order_by(
        "phase__order", "order"
    )[:1]
    for milestone in first:
        implementation.mark_milestone(
            enrolment=enrolment,
            milestone=milestone,
            status=MilestoneStatus.REACHED,
            reached_on=min(enrolment.enrolled_on, timezone.localdate()),
            note="Avtale om tid til opplæring og ressursgruppe er signert.",
            actor=leader.user,
        )


def enrolled_on(programme: Programme, today: dt.date) -> dt.date:
    """Units signed up in the autumn before the programme, so anchoring can be marked."""
    return min(programme.starts_on, today - dt.timedelta(days=60))
