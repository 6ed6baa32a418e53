"""Telling everyone registered when a session's time, venue or online link changes, or
the session is cancelled: one outbox row per registration, rendered by the outbox
when it is sent (notifications.rendering). Each such change raises the session's
calendar SEQUENCE, so the .ics of the notice (and the feeds) replace the event that
calendar programs hold: METHOD:REQUEST when it moved, METHOD:CANCEL when cancelled."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import translation

from familiestotte.formatting import when
from notifications.dispatch import dispatch_soon
from notifications.models import Email
from participants.models import Registration
from programme.models import Session, Venue

WATCHED_FIELDS = ["starts_at", "ends_at", "venue", "online_url", "is_cancelled"]


def session_changes(*, before: Session, after: Session) -> dict[str, tuple[object, object]]:
    """{field: (old, new)} for the fields participants must hear about."""
    changes: dict[str, tuple[object, object]] = {}
    for name in WATCHED_FIELDS:
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            changes[name] = (old, new)
    return changes


def _describe(name: str, value: object) -> str:
    if value is None or value == "":
        return "–"
    if name in {"starts_at", "ends_at"}:
        assert isinstance(value, dt.datetime)
        return when(value)
    if name == "venue":
        assert isinstance(value, Venue)
        return value.full_address
    return str(value)


def bump_sequence(session: Session) -> None:
    """Raise the session's calendar SEQUENCE by one in the database (no lost update when
    two changes race) and on `session`."""
    Session.objects.filter(pk=session.pk).update(sequence=F("sequence") + 1)
    session.refresh_from_db(fields=["sequence"])


def notify_session_changed(*, session: Session, changes: dict[str, tuple[object, object]]) -> int:
    """Tell everyone registered (confirmed or waiting) what changed; returns how many.

    `changes` is {field: (old, new)}, e.g. from `session_changes(before=..., after=...)`.
    Only time, venue, online link and cancellation are reported; other edits send nothing.
    Any of them raises the session's SEQUENCE (bump_sequence), even for a session already
    cancelled, whose people are not told again.
    """
    changes = {name: change for name, change in changes.items() if name in WATCHED_FIELDS}
    if not changes:
        return 0
    bump_sequence(session)
    cancelled = changes.get("is_cancelled", (False, False))[1] is True
    if not cancelled and session.is_cancelled:
        return 0
    kind = Email.Kind.SESSION_CANCELLED if cancelled else Email.Kind.SESSION_CHANGED
    with translation.override(settings.LANGUAGE_CODE):
        described = [
            {"field": name, "old": _describe(name, old), "new": _describe(name, new)}
            for name, (old, new) in changes.items()
            if name != "is_cancelled"
        ]
    change_id = uuid.uuid4().hex[:12]
    registrations = (
        Registration.objects.live().filter(session=session).select_related("participant__user")
    )
    with transaction.atomic():
        rows = Email.objects.bulk_create(
            [
                Email(
                    key=f"{kind}:{session.pk}:{registration.pk}:{change_id}",
                    kind=kind,
                    recipient=registration.participant.user,
                    to_email=registration.participant.user.email,
                    registration=registration,
                    session=session,
                    data={"changes": described, "status": registration.status},
                )
                for registration in registrations
            ]
        )
        if rows:
            dispatch_soon()
    return len(rows)
