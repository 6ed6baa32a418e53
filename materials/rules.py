"""Who may read a session's materials: the people confirmed for it, and the coordinators.
Someone on the waiting list, cancelled or not registered gets 404, as if there were none."""

import rules

from participants.models import Registration
from participants.rules import is_coordinator, participant_of


@rules.predicate
def is_confirmed_for(user, session) -> bool:
    """One query: a confirmed registration of the signed-in person for the session."""
    participant = participant_of(user)
    if participant is None or session is None:
        return False
    return Registration.objects.filter(
        participant=participant,
        session_id=getattr(session, "pk", session),
        status=Registration.Status.CONFIRMED,
    ).exists()


rules.add_perm("materials.read", is_coordinator | is_confirmed_for)
