"""Who may register for a session: the reasons a registration is refused, in Norwegian.

Used under the session lock (registrations.services) and by the session page's
registration panel, so both give the same reason.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from familiestotte.formatting import when
from participants.models import Participant
from programme.models import Session


def refusal_reason(
    *, participant: Participant, session: Session, published: bool, force: bool
) -> str | None:
    """Why this person may not register now, or None. `session` is the locked row
    (registrations.locking), `published` whether its programme is published.

    A second live registration is refused by the partial unique constraint
    one_live_registration_per_session when the row is inserted (registrations.services).
    """
    if not participant.profile_is_complete():
        return _(
            "Complete the profile (name, phone, organisation and job title) before "
            "registering for a session."
        )
    if session.is_cancelled:
        return _("This session is cancelled, so registration is closed.")
    if not published:
        return _("This session is not open for registration.")
    if not force and timezone.now() > session.registration_deadline:
        return _("Registration for this session closed at the deadline, %(deadline)s.") % {
            "deadline": when(session.registration_deadline)
        }
    if not force and not session.is_open_to(participant.role):
        return audience_refusal(session, role=participant.role)
    if not force and (refusal := supervision_refusal(participant=participant, session=session)):
        return refusal
    return None


def audience_refusal(session: Session, *, role: str = "") -> str:
    if role == Participant.Role.GUEST:
        return _(
            "Guests from outside the participating organisations register for open events "
            "only. Training days and gatherings are for the staff of the participating "
            "organisations."
        )
    if session.audience == Session.Audience.LEADERS:
        return _("This session is only open to leaders.")
    return _("This session is only open to service workers and leaders.")


def supervision_refusal(*, participant: Participant, session: Session) -> str | None:
    """Why the person may not come to this supervision meeting, or None. A meeting that
    belongs to supervision groups is for their members and supervisors. One query for a
    supervision meeting; none for any other kind of session."""
    if session.kind != Session.Kind.SUPERVISION:
        return None
    mine = Q(members=participant) | Q(supervisor=participant)
    counts = session.supervision_groups.aggregate(
        groups=Count("pk", distinct=True), mine=Count("pk", distinct=True, filter=mine)
    )
    if counts["groups"] and not counts["mine"]:
        return _("This supervision meeting is for the members of its supervision group.")
    return None


def already_registered(participant: Participant) -> str:
    return _("%(name)s is already registered or on the waiting list for this session.") % {
        "name": participant.full_name
    }
