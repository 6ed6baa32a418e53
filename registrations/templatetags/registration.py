"""Registration panels for the programme pages (the session page's registration block
and the programme page's «register for all training days»)."""

from django import template
from django.template.context import Context

from participants.models import Participant
from programme.models import Programme, Session
from registrations import selectors
from registrations.eligibility import audience_refusal, supervision_refusal

register = template.Library()


@register.inclusion_tag("registrations/_session_panel.html", takes_context=True)
def registration_panel(context: Context, session: Session) -> dict[str, object]:
    """What the signed-in person can do about this session. One query when signed in (two
    for a supervision meeting the person is not registered for)."""
    request = context["request"]
    participant: Participant | None = context.get("current_participant")
    registration = refusal = None
    if participant is not None:
        registration = selectors.live_registration(participant=participant, session=session)
        if not session.is_open_to(participant.role):
            refusal = audience_refusal(session, role=participant.role)
        elif registration is None:
            refusal = supervision_refusal(participant=participant, session=session)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "session": session,
        "participant": participant,
        "registration": registration,
        "profile_complete": participant is not None and participant.profile_is_complete(),
        "open_to_me": participant is not None and refusal is None,
        "refusal": refusal,
    }


@register.inclusion_tag("registrations/_training_days_action.html", takes_context=True)
def training_days_action(context: Context, programme: Programme) -> dict[str, object]:
    participant: Participant | None = context.get("current_participant")
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "programme": programme,
        "participant": participant,
        "can_register": participant is not None
        and participant.role in {"service_worker", "leader"},
    }
