"""Reads about people."""

from django.db.models import QuerySet

from .models import Organisation, Participant

STAFF_ROLES = [Participant.Role.SERVICE_WORKER, Participant.Role.LEADER]


def staff_of(organisation: Organisation) -> QuerySet[Participant]:
    """The service workers and leaders of one organisation: what its leader may act on."""
    return Participant.objects.filter(
        organisation=organisation, role__in=STAFF_ROLES
    ).select_related("user")
