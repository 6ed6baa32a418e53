"""Who may do what, as rule predicates checked on the server for every object.

Leaders act only within their own organisation, and only once a coordinator has
confirmed their role; staff see their organisation's pages only once its leader or a
coordinator has confirmed that they work there; coordinators see everything.
"""

import rules


def participant_of(user):
    if not user or not user.is_authenticated:
        return None
    return getattr(user, "participant", None)


@rules.predicate
def is_coordinator(user):
    if not user or not user.is_authenticated:
        return False
    participant = participant_of(user)
    return user.is_superuser or (participant is not None and participant.is_coordinator)


@rules.predicate
def is_confirmed_leader(user):
    participant = participant_of(user)
    return participant is not None and participant.is_confirmed_leader


@rules.predicate
def is_leader_of(user, organisation):
    participant = participant_of(user)
    return (
        participant is not None
        and participant.is_confirmed_leader
        and organisation is not None
        and participant.organisation_id == getattr(organisation, "pk", organisation)
    )


@rules.predicate
def belongs_to(user, organisation):
    """A confirmed member of the organisation: choosing it on the profile is not enough."""
    participant = participant_of(user)
    return (
        participant is not None
        and participant.is_confirmed_member
        and organisation is not None
        and participant.organisation_id == getattr(organisation, "pk", organisation)
    )
