"""Deleting one's own account («Slett kontoen min»); «Mine opplysninger» shows what is
stored first (privacy.selectors). The retention job anonymises the inactive the same
way (privacy.retention); both end in privacy.anonymisation.erase_person."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import audit

from .anonymisation import cancel_what_is_to_come, erase_person, holds_coordinator_role, lock
from .retention import record


class AccountDeletionError(ValidationError):
    """A refused account deletion, with a message the person can act on."""


def delete_account(*, user) -> int:
    """Delete the person's account, keeping their registrations and attendance without
    them (privacy.anonymisation), in one transaction; returns how many registrations
    the anonymous stand-in keeps.

    Coming registrations are cancelled first, so their seats go to the waiting lists.
    The audit log records the deletion and keeps the person's rows without their name,
    email or address (audit.shred_person, on the user's deletion).
    Coordinators and superusers are refused: another coordinator removes them in the
    admin, so the programme is never left without one by mistake.
    """
    now = timezone.now()
    with transaction.atomic():
        locked_user, participant = lock(user.pk)
        if holds_coordinator_role(locked_user, participant):
            raise AccountDeletionError(
                _(
                    "Coordinator accounts cannot be deleted here. Ask another coordinator "
                    "to remove your account in the administration."
                ),
                code="coordinator",
            )
        if participant is not None:
            cancel_what_is_to_come(participant, actor=locked_user, now=now)
        audit.record(
            "account_deleted",
            actor=locked_user,
            obj=locked_user,
            person=locked_user,
            organisation=participant.organisation_id if participant else None,
        )
        # Deleting the user shreds their audit rows (this one too): they stay, nameless.
        kept = erase_person(user=locked_user, participant=participant, now=now)
    record("privacy.account_deleted", audit_row=False, registrations_kept=kept)
    return kept
