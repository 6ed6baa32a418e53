"""Deleting one's own account («Slett kontoen min»); «Mine opplysninger» shows what is
stored first (privacy.selectors)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit
from participants.models import Participant, Registration
from registrations.services import cancel

from .selectors import addresses_of, emails_to


class AccountDeletionError(ValidationError):
    """A refused account deletion, with a message the person can act on."""


def delete_account(*, user) -> None:
    """Delete the person's account and everything stored about them, in one transaction.

    Live registrations (seat or waiting list) for sessions not yet over, and not
    cancelled, are cancelled through `cancel` first, soonest first (the order every
    caller locks sessions in), so each freed seat goes to the next on the waiting list,
    who is told by email as on any cancellation. Then the person's own outbox rows go
    (by recipient and by address; the cancellation receipts just recorded with them),
    and the user: the profile, registrations with their events, memberships,
    certificates and allauth's addresses follow by CASCADE. What they wrote for their
    organisation (reports, routines, offers, meetings) stays, its author set to NULL.
    The audit log records the deletion and keeps their rows without their name, email
    or address (audit.shred_person).

    Coordinators and superusers are refused: another coordinator removes them in the
    admin, so the programme is never left without one by mistake.
    """
    user_model = get_user_model()
    with transaction.atomic():
        # Locked first. A registration for the person being inserted now holds a
        # key-share lock on these rows: it is waited for, and then seen and cancelled
        # below. One that inserts after this waits for the commit and then fails on
        # its foreign key, so no registration escapes the cancellations and is
        # removed by the CASCADE with its seat never offered to the waiting list.
        locked_user = user_model.objects.select_for_update().get(pk=user.pk)
        participant = Participant.objects.select_for_update().filter(user_id=user.pk).first()
        if locked_user.is_superuser or (participant and participant.is_coordinator):
            raise AccountDeletionError(
                _(
                    "Coordinator accounts cannot be deleted here. Ask another coordinator "
                    "to remove your account in the administration."
                ),
                code="coordinator",
            )
        if participant is not None:
            live = (
                Registration.objects.live()
                .filter(
                    participant=participant,
                    session__ends_at__gt=timezone.now(),
                    session__is_cancelled=False,
                )
                .select_related("session")
                .order_by("session__starts_at", "session__pk")
            )
            for registration in live:
                cancel(registration=registration, actor=locked_user)
        emails_to(locked_user, addresses_of(locked_user)).delete()
        audit.record(
            "account_deleted",
            actor=locked_user,
            obj=locked_user,
            person=locked_user,
            organisation=participant.organisation_id if participant else None,
        )
        # Their rows stay, without their name, email or address (this one too); the
        # user's pre_delete and post_delete shred again what the CASCADE writes.
        audit.shred_person(locked_user)
        locked_user.delete()
