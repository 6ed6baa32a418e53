"""The enrolment a leader's page is about, its staff and its resource group."""

from django.db.models import (
    Prefetch,
    QuerySet,
)

from participants.models import Enrolment, Participant
from participants.selectors import staff_of

from ..models import (
    Membership,
    ResourceGroup,
)


def enrolment_for_page(pk) -> Enrolment:
    """The enrolment with its programme and organisation; DoesNotExist when missing."""
    return Enrolment.objects.select_related("programme", "organisation", "contact_leader").get(
        pk=pk
    )


def enrolment_for_participant(participant) -> Enrolment | None:
    """The organisation's enrolment in the newest programme it takes part in."""
    if participant is None or participant.organisation_id is None:
        return None
    return (
        Enrolment.objects.filter(organisation_id=participant.organisation_id)
        .order_by("-programme__starts_on", "-pk")
        .first()
    )


def group_for_page(enrolment: Enrolment) -> ResourceGroup | None:
    """The resource group with its contact person and members (two queries), or None.
    Its `enrolment` is the one given, so rules on the group and its meetings need no query."""
    group = (
        ResourceGroup.objects.select_related("contact_person")
        .prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("participant"))
        )
        .filter(enrolment=enrolment)
        .first()
    )
    if group is not None:
        group.enrolment = enrolment
        group.member_ids = {m.participant_id for m in group.memberships.all()}
    return group


def staff_for_page(enrolment: Enrolment) -> QuerySet[Participant]:
    """The organisation's service workers and leaders, by name."""
    return staff_of(enrolment.organisation).order_by("full_name", "pk")
