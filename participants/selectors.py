"""Reads about people."""

from django.db.models import Q, QuerySet

from programme.models import Programme

from .models import Organisation, Participant

STAFF_ROLES = [Participant.Role.SERVICE_WORKER, Participant.Role.LEADER]

# Participant.is_confirmed_member as a filter: confirmed by the organisation's leader or a
# coordinator, or its confirmed leader.
CONFIRMED_MEMBER = Q(membership_confirmed_at__isnull=False) | Q(
    role=Participant.Role.LEADER, leader_confirmed=True
)


def staff_of(organisation: Organisation) -> QuerySet[Participant]:
    """The confirmed service workers and leaders of one organisation: what its leader
    may act on. Someone who only says they work there is in members_waiting."""
    return (
        Participant.objects.filter(organisation=organisation, role__in=STAFF_ROLES)
        .filter(CONFIRMED_MEMBER)
        .select_related("user")
    )


def members_waiting(organisation: Organisation | int | None = None) -> QuerySet[Participant]:
    """Service workers who chose an organisation and wait for its leader or a coordinator
    to confirm that they work there, oldest first, with user and organisation (one
    query); of one organisation if given. Leaders waiting are not here: confirming the
    leader role (participants.leadership) confirms the membership with it."""
    waiting = Participant.objects.filter(
        role=Participant.Role.SERVICE_WORKER,
        organisation__isnull=False,
        membership_confirmed_at__isnull=True,
        user__is_active=True,
    )
    if organisation is not None:
        waiting = waiting.filter(organisation=organisation)
    return waiting.select_related("user", "organisation").order_by("created_at", "pk")


def leaders_waiting() -> QuerySet[Participant]:
    """People who signed up as leaders and wait for a coordinator to confirm it, oldest
    first, with their user and organisation (one query)."""
    return (
        Participant.objects.filter(
            role=Participant.Role.LEADER, leader_confirmed=False, user__is_active=True
        )
        .select_related("user", "organisation")
        .order_by("created_at", "pk")
    )


def programmes_of(participant: Participant) -> list[Programme]:
    """The published programmes that are the person's own: their organisation's
    enrolments, and any they hold a registration for; the one ending last first (one
    query)."""
    own = (
        Q(enrolments__organisation_id=participant.organisation_id)
        if participant.organisation_id
        else Q(pk__in=[])
    )
    registered = Q(sessions__registrations__participant=participant)
    return list(
        Programme.objects.published()
        .filter(own | registered)
        .distinct()
        .order_by("-ends_on", "-starts_on", "pk")
    )


def programme_for(
    participant: Participant, slug: str | None = None, *, own: list[Programme] | None = None
) -> Programme | None:
    """The programme a person's page is about: the one chosen in the page (`slug`) among
    their own, else their own that ends last, else the current published one. With two
    published cohorts, never simply the newest: the person's own comes first."""
    own = programmes_of(participant) if own is None else own
    chosen = next((p for p in own if slug and p.slug == slug), None)
    return chosen or (own[0] if own else Programme.objects.current())
