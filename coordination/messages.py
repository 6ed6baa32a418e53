"""A coordinator's message to the people of a session or of a whole programme: one outbox
row per person, greeted by name, recorded in one transaction (a whole programme's in
batches, as a job with a progress bar: coordination.tasks) and sent once however often
the form is sent (its token names the message)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import audit
from notifications.dispatch import dispatch_soon
from notifications.models import Email
from notifications.outbox import recipient_name
from notifications.rendering import (
    REASONS,
    absolute,
    common_context,
    render_templates,
    session_name,
)
from participants.models import Participant, Registration
from progress.jobs import Progress

from . import selectors

# People whose rows one transaction records when a message goes to a whole programme.
BATCH = 100


class ProgrammeAudience(models.TextChoices):
    """Who a coordinator's message to a whole programme goes to."""

    LEADERS = "leaders", gettext_lazy("Leaders of participating units")
    REGISTERED = "registered", gettext_lazy("Everyone registered")
    PAST = "past", gettext_lazy("Past participants (attended at least one session)")


@dataclass(frozen=True)
class CoordinatorMessage:
    """What a coordinator writes. `message_id` names the message (the form's token):
    sending it again, after a double click or a reload, records nothing more."""

    subject: str
    body: str
    message_id: str
    sender: User  # the coordinator


def message_session(*, session, message: CoordinatorMessage, include_waitlisted: bool) -> int:
    """Email a coordinator's message to everyone confirmed for the session (and those on
    its waiting list, if asked); returns how many people it goes to.

    Each person's email greets them by name and names nobody else. Six queries (the
    audit row among them), and one render per person.
    """
    statuses = selectors.message_statuses(include_waitlisted)
    with transaction.atomic():
        registrations = list(
            Registration.objects.filter(
                session=session, status__in=statuses, participant__anonymised_at__isnull=True
            )
            .select_related("participant__user")
            .order_by("pk")
        )
        reason = session_reason(session)
        key = f"{Email.Kind.MESSAGE}:{message.message_id}"
        addressees = [_Addressee(f"{key}:{r.pk}", r.participant, reason, r) for r in registrations]
        recorded = _record_messages(
            message, addressees, url=session.get_absolute_url(), session=session
        )
        record_in_audit_log(message, obj=session, recipients=recorded)
    return len(registrations)


def session_reason(session) -> str:
    """The footer of a message to a session's people, in the portal's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(REASONS[Email.Kind.MESSAGE] % {"session": session_name(session)})


def message_programme(
    *,
    programme,
    audience: ProgrammeAudience,
    message: CoordinatorMessage,
    include_waitlisted: bool,
    progress: Progress | None = None,
    remote_addr: str | None = None,
    organisation_ids: list[int] | None = None,
) -> int:
    """Email a coordinator's message to a whole programme; returns how many people it
    goes to, each person once however many registrations they hold.

    `audience` LEADERS: the confirmed leaders of every organisation enrolled in the
    programme. REGISTERED: everyone confirmed for a session of the programme that has
    neither ended nor been cancelled, and, if `include_waitlisted`, those on its waiting
    lists. PAST: everyone marked as attending a session of the programme. With
    `organisation_ids`, leaders of those organisations only. The email links to the
    programme's page. One render per person, and one audit row for the message.

    The rows are recorded BATCH people to a transaction, each batch counted on
    `progress` (the job's page, progress.jobs), so a page sees them go. A run cut off
    half-way and run again records only those not yet recorded: each row's key names
    the message, the programme and the person. Three queries a batch (the people once,
    then the keys already there and the INSERT), and the programme's content type once
    per process.
    """
    audience_people = programme_people(
        programme,
        audience,
        include_waitlisted=include_waitlisted,
        organisation_ids=organisation_ids,
    )
    people = list(audience_people.order_by("pk"))
    with translation.override(settings.LANGUAGE_CODE):
        addressees = [
            _Addressee(
                # The programme too: a token replayed to another programme is a
                # message of its own, not a repeat.
                f"{Email.Kind.MESSAGE}:{message.message_id}:programme:{programme.pk}"
                f":person:{person.pk}",
                person,
                programme_reason(programme, audience, include_waitlisted, person),
            )
            for person in people
        ]
    if progress is not None:
        progress.set_total(len(addressees))
    recorded = 0
    for start in range(0, len(addressees), BATCH):
        batch = addressees[start : start + BATCH]
        with transaction.atomic():
            url = programme.get_absolute_url()
            recorded += _record_messages(message, batch, url=url, concerns=programme)
        if progress is not None:
            progress.step(len(batch))
    record_in_audit_log(message, obj=programme, recipients=recorded, remote_addr=remote_addr)
    return len(people)


def programme_people(
    programme,
    audience: str,
    *,
    include_waitlisted: bool,
    organisation_ids: list[int] | None = None,
) -> QuerySet[Participant]:
    """Who a message to the programme goes to, with their user and organisation."""
    if audience == ProgrammeAudience.LEADERS:
        people = selectors.programme_leaders(programme, organisation_ids=organisation_ids)
    elif audience == ProgrammeAudience.PAST:
        people = selectors.programme_past_participants(programme)
    else:
        people = selectors.programme_registrants(programme, include_waitlisted=include_waitlisted)
    return people.select_related("user", "organisation")


def programme_reason(programme, audience, include_waitlisted: bool, person) -> str:
    if audience == ProgrammeAudience.LEADERS:
        return _(
            "You get this email because you are a confirmed leader of %(organisation)s, "
            "which takes part in %(programme)s in Familiestøtte."
        ) % {"organisation": person.organisation.name, "programme": programme.name}
    if audience == ProgrammeAudience.PAST:
        return _(
            "You get this email because you took part in a session of %(programme)s in "
            "Familiestøtte."
        ) % {"programme": programme.name}
    if include_waitlisted:
        text = _(
            "You get this email because you are registered for, or on the waiting list "
            "for, a coming session of %(programme)s in Familiestøtte."
        )
    else:
        text = _(
            "You get this email because you are registered for a coming session of "
            "%(programme)s in Familiestøtte."
        )
    return text % {"programme": programme.name}


class _Addressee(NamedTuple):
    key: str
    person: Participant  # with its user
    reason: str
    registration: Registration | None = None


def _record_messages(
    message: CoordinatorMessage,
    addressees: list[_Addressee],
    *,
    url: str,
    session=None,
    concerns=None,
) -> int:
    """Record a coordinator's message, one outbox row per addressee not yet sent it, in
    the caller's transaction; each email links to `url` (a path on the portal). Returns
    how many rows it recorded. Two queries (the keys already there, the INSERT); the
    callers add the audit row (record_in_audit_log)."""
    keys = [addressee.key for addressee in addressees]
    sent = set(Email.objects.filter(key__in=keys).values_list("key", flat=True))
    body = message.body.replace("\r\n", "\n")
    context = {
        "subject": message.subject,
        "paragraphs": [p.strip() for p in body.split("\n\n") if p.strip()],
        "url": absolute(url),
    }
    sender = message.sender
    data = {"message": message.message_id, "sender": recipient_name(sender) or sender.email}
    concerned = (
        {"content_type": ContentType.objects.get_for_model(concerns), "object_id": concerns.pk}
        if concerns is not None
        else {}
    )
    emails = []
    for addressee in addressees:
        if addressee.key in sent:
            continue
        person = addressee.person
        rendered_subject, text, html = render_templates(
            "notifications/email/notice",
            {
                **common_context(recipient_name=person.full_name),
                **context,
                "reason": addressee.reason,
            },
        )
        emails.append(
            Email(
                key=addressee.key,
                kind=Email.Kind.MESSAGE,
                recipient=person.user,
                to_email=person.user.email,
                registration=addressee.registration,
                session=session,
                subject=rendered_subject[:300],
                body_text=text,
                body_html=html,
                data=data,
                **concerned,
            )
        )
    # ignore_conflicts: a second send of the same message racing this one records nothing.
    Email.objects.bulk_create(emails, ignore_conflicts=True)
    if emails:
        dispatch_soon()
    return len(emails)


def record_in_audit_log(
    message: CoordinatorMessage, *, obj, recipients: int, remote_addr: str | None = None
) -> None:
    """One audit row for a message however many batches recorded it (none for a repeat
    that recorded nothing)."""
    if recipients:
        audit.record(
            "message_sent",
            actor=message.sender,
            obj=obj,
            after={"subject": message.subject},
            recipients=recipients,
            remote_addr=remote_addr,
        )
