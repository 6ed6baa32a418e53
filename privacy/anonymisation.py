"""Taking a person out of the portal while the programme's figures stay: what deleting an
account (privacy.services) and the retention job (privacy.retention) both do.

A person's registrations (with their attendance and history) and the record that they
answered an evaluation move to a stand-in: a new participant, made for this one
deletion, with no name, contact details or job title, an inactive user that cannot
sign in, and the person's organisation and role. So the number registered and
attended per session and per organisation, and the number who answered, stay as they
were, and nothing stored names the person. A new row with a new id, rather than the
person's row emptied, so that nothing that kept the old ids (a backup, a log line's
`user_id`) leads to the stand-in's data. One stand-in per deletion holds exactly the
registrations the person held, so the rule of one live registration per person and
session holds for it as it did for the person. The move changes no session's seat count
(a registration keeps its status), so it takes no session lock; what is still to come
was cancelled before, each under its session's lock, as any cancellation is.

Then the person's outbox rows go, and the user: the profile, memberships of resource
and supervision groups, certificates and allauth's addresses follow by CASCADE; what
they wrote for their organisation (reports, routines, offers, meetings, notes) stays,
its author set to NULL. Those texts are the organisation's, not the person's, and the
forms warn against names of patients or relatives in them; the person's own free text
(their dietary needs) goes with the profile. The events of the moved registrations keep
their notes, which the portal writes itself («Late cancellation, ...»), never a person.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import translation
from django.utils.translation import gettext as _

from evaluations.models import Respondent
from participants.models import Participant, Registration
from registrations.services import cancel

from .selectors import addresses_of, emails_to


def lock(user_pk: int):
    """The user and their profile (or None), locked, in the caller's transaction.

    Locked first. A registration for the person being inserted now holds a key-share
    lock on these rows: it is waited for, and then seen and cancelled by the caller. One
    that inserts after this waits for the commit and then fails on its foreign key, so
    no registration escapes the cancellations and is moved with its seat never offered
    to the waiting list. Raises the user model's DoesNotExist when the user is gone."""
    locked_user = get_user_model().objects.select_for_update().get(pk=user_pk)
    participant = Participant.objects.select_for_update().filter(user_id=user_pk).first()
    return locked_user, participant


def holds_coordinator_role(user, participant: Participant | None) -> bool:
    return bool(user.is_superuser or (participant and participant.is_coordinator))


def cancel_what_is_to_come(participant: Participant, *, actor, now: dt.datetime) -> None:
    """Cancel live registrations (seat or waiting list) for sessions not yet over, and
    not cancelled, through `cancel`, soonest first (the order every caller locks
    sessions in), so each freed seat goes to the next on the waiting list, who is told
    by email as on any cancellation."""
    live = (
        Registration.objects.live()
        .filter(participant=participant, session__ends_at__gt=now, session__is_cancelled=False)
        .select_related("session")
        .order_by("session__starts_at", "session__pk")
    )
    for registration in live:
        cancel(registration=registration, actor=actor)


def stand_in_for(participant: Participant, *, now: dt.datetime) -> Participant:
    """A new anonymous participant with the person's organisation and role (unsaved
    fields beyond these are empty), and an inactive user with no password or email."""
    user = get_user_model().objects.create(
        username=f"anonymised-{secrets.token_hex(12)}",
        email="",
        is_active=False,
        password=make_password(None),
    )
    with translation.override(settings.LANGUAGE_CODE):
        name = _("Anonymised participant")
    return Participant.objects.create(
        user=user,
        full_name=name,
        phone="",
        job_title="",
        organisation=participant.organisation,
        role=participant.role,
        dietary_needs="",
        dietary_needs_changed_at=now,
        anonymised_at=now,
    )


def erase_person(*, user, participant: Participant | None, now: dt.datetime) -> int:
    """Move what the figures need to a stand-in and delete the rest (see the module).

    The caller holds the user's and the participant's rows locked in its transaction
    and has cancelled what is still to come. Returns how many registrations the
    stand-in keeps (0: no stand-in was needed)."""
    kept = 0
    if participant is not None:
        registrations = Registration.objects.filter(participant=participant)
        respondents = Respondent.objects.filter(participant=participant)
        if registrations.exists() or respondents.exists():
            stand_in = stand_in_for(participant, now=now)
            kept = registrations.update(participant=stand_in)
            respondents.update(participant=stand_in)
    emails_to(user, addresses_of(user)).delete()
    user.delete()
    return kept
