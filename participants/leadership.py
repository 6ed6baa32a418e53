"""A coordinator confirms or turns down a person who signed up as a leader (in the
workspace or the admin); the person is told by email through the outbox, in the same
transaction as the decision."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import audit

from .models import Participant
from .notices import tell
from .selectors import leaders_waiting


class AlreadyDecided(Exception):
    """The person no longer waits: another coordinator (or a second click) decided first."""


def confirm_leader(*, participant_id: int) -> Participant:
    """Confirm that the person leads their organisation: from now on they see its staff.
    Raises AlreadyDecided if they no longer wait for a decision."""
    with transaction.atomic():
        leader = _lock_waiting(participant_id)
        leader.leader_confirmed = True
        # Leading the organisation confirms working there; kept if the role changes later.
        leader.membership_confirmed_at = leader.membership_confirmed_at or timezone.now()
        leader.save(update_fields=["leader_confirmed", "membership_confirmed_at"])
        audit.record(
            "leader_confirmed",
            actor=None,  # the coordinator of the request
            obj=leader,
            person=leader.user,
            organisation=leader.organisation_id,
            before={"leader_confirmed": False},
            after={"leader_confirmed": True},
        )
        organisation = leader.organisation.name if leader.organisation else ""
        with translation.override(settings.LANGUAGE_CODE):
            _tell(
                leader,
                decision="confirmed",
                subject=_("You are confirmed as a leader in Familiestøtte"),
                paragraphs=[
                    _(
                        "A coordinator has confirmed that you lead %(organisation)s. You can "
                        "now register your staff, follow their training days and work with "
                        "the resource group under «My organisation»."
                    )
                    % {"organisation": organisation},
                ],
                url=reverse("resourcegroups:mine"),
            )
    return leader


def turn_down_leader(*, participant_id: int, note: str = "") -> Participant:
    """Turn down the leader role: the person keeps their account as a service worker of
    the same organisation, and is told why if the coordinator wrote a note. Raises
    AlreadyDecided if they no longer wait for a decision."""
    with transaction.atomic():
        person = _lock_waiting(participant_id)
        before = person.role
        person.role = Participant.Role.SERVICE_WORKER
        person.save(update_fields=["role"])
        audit.record(
            "leader_turned_down",
            actor=None,  # the coordinator of the request
            obj=person,
            person=person.user,
            organisation=person.organisation_id,
            before={"role": before},
            after={"role": person.role},
        )
        organisation = person.organisation.name if person.organisation else ""
        with translation.override(settings.LANGUAGE_CODE):
            paragraphs = [
                _(
                    "A coordinator could not confirm that you lead %(organisation)s. Your "
                    "account is kept as the account of a service worker there: you can "
                    "still register for training days."
                )
                % {"organisation": organisation},
            ]
            if note.strip():
                paragraphs.append(_("From the coordinator: %(note)s") % {"note": note.strip()})
            paragraphs.append(
                _(
                    "If you do lead the organisation, reply to this email or contact the "
                    "programme's coordinators."
                )
            )
            _tell(
                person,
                decision="turned_down",
                subject=_("Your leader role in Familiestøtte was not confirmed"),
                paragraphs=paragraphs,
                url=reverse("participants:profile"),
            )
    return person


def _lock_waiting(participant_id: int) -> Participant:
    try:
        return leaders_waiting().select_for_update(of=("self",)).get(pk=participant_id)
    except Participant.DoesNotExist as exc:
        raise AlreadyDecided from exc


def _tell(person: Participant, *, decision: str, subject: str, paragraphs: list[str], url: str):
    # The time in the key: someone turned down who asks again, and is decided on again,
    # is told again; the lock above keeps a double click from deciding (and telling) twice.
    tell(
        person,
        key=f"leader_role:{decision}:{person.pk}:{timezone.now().isoformat()}",
        subject=subject,
        paragraphs=paragraphs,
        url=url,
        reason=_("You get this email because you signed up as a leader in Familiestøtte."),
    )
