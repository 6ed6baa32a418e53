"""Confirming that a person works where they said: by the organisation's confirmed leader
(«Min enhet») or a coordinator (the workspace). Until then the organisation's pages treat
them as outsiders. The person is told by email through the outbox, in the same
transaction as the confirmation."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import audit

from .models import Participant
from .notices import tell
from .selectors import members_waiting


class NotWaiting(Exception):
    """The person does not wait for a confirmation there (any more): someone confirmed
    first, they changed organisation, or they were never of that organisation."""


def confirm_membership(
    *, participant_id: int, confirmed_by, organisation_id: int | None = None
) -> Participant:
    """Confirm that the person works in their organisation; with `organisation_id` (a
    leader confirming), only if that is their organisation. Raises NotWaiting otherwise."""
    with transaction.atomic():
        waiting = members_waiting(organisation_id).select_for_update(of=("self",))
        try:
            person = waiting.get(pk=participant_id)
        except Participant.DoesNotExist as exc:
            raise NotWaiting from exc
        confirmed_at = timezone.now()
        person.membership_confirmed_at = confirmed_at
        person.membership_confirmed_by = confirmed_by
        person.save(update_fields=["membership_confirmed_at", "membership_confirmed_by"])
        audit.record(
            "membership_confirmed",
            actor=confirmed_by,
            obj=person,
            person=person.user,
            organisation=person.organisation_id,
            before={"membership_confirmed_at": None},
            after={"membership_confirmed_at": confirmed_at},
        )
        _tell(person, confirmed_at=confirmed_at)
    return person


def _tell(person: Participant, *, confirmed_at: dt.datetime) -> None:
    organisation = person.organisation.name if person.organisation else ""
    with translation.override(settings.LANGUAGE_CODE):
        tell(
            person,
            # The time in the key: someone who moves and is confirmed in the next
            # organisation is told again; the lock above keeps a double click from it.
            key=(
                f"membership:confirmed:{person.pk}:"
                f"{person.organisation_id}:{confirmed_at.isoformat()}"
            ),
            subject=_("You are confirmed as staff of %(organisation)s")
            % {"organisation": organisation},
            paragraphs=[
                _(
                    "It is confirmed that you work at %(organisation)s. You can now "
                    "read your organisation's pages in Familiestøtte under «My "
                    "organisation»: the resource group, routines, offers for relatives "
                    "and progress."
                )
                % {"organisation": organisation},
            ],
            url=reverse("resourcegroups:mine"),
            reason=_(
                "You get this email because you chose %(organisation)s on your profile "
                "in Familiestøtte."
            )
            % {"organisation": organisation},
        )
