"""A coordinator's message shown before it is sent: the email as its first recipient
will receive it (subject, text and footer, rendered by the same templates as the
outbox), and who gets it."""

from collections.abc import Callable

from django.conf import settings
from django.utils import translation

from notifications.rendering import (
    absolute,
    common_context,
    render_templates,
)
from participants.models import Participant
from programme.models import Programme, Session

from . import selectors
from .messages import (
    CoordinatorMessage,
    ProgrammeAudience,
    programme_people,
    programme_reason,
)

PREVIEW_NAMES = 200


def render_for(
    message: CoordinatorMessage, *, person: Participant, url: str, reason: str
) -> tuple[str, str]:
    """Subject and text of the email `person` would get, in the portal's language."""
    body = message.body.replace("\r\n", "\n")
    with translation.override(settings.LANGUAGE_CODE):
        subject, text, _html = render_templates(
            "notifications/email/notice",
            {
                **common_context(recipient_name=person.full_name),
                "subject": message.subject,
                "paragraphs": [p.strip() for p in body.split("\n\n") if p.strip()],
                "url": absolute(url),
                "reason": reason,
            },
        )
    return subject, text


def session_recipients(session: Session, *, include_waitlisted: bool) -> list[Participant]:
    """Those a session's message goes to, by name (one query)."""
    statuses = selectors.message_statuses(include_waitlisted)
    return list(
        Participant.objects.filter(
            registrations__session=session,
            registrations__status__in=statuses,
            anonymised_at__isnull=True,  # the stand-ins of deleted people
        )
        .select_related("user", "organisation")
        .order_by("full_name", "pk")
        .distinct()
    )


def programme_audience(
    programme: Programme,
    audience: ProgrammeAudience,
    *,
    include_waitlisted: bool,
    organisation_ids: list[int] | None = None,
) -> tuple[list[Participant], Callable[[Participant], str]]:
    """Who a programme's message goes to, and each person's footer line."""
    people = list(
        programme_people(
            programme,
            audience,
            include_waitlisted=include_waitlisted,
            organisation_ids=organisation_ids,
        ).order_by("full_name", "pk")
    )

    def reason(person: Participant) -> str:
        with translation.override(settings.LANGUAGE_CODE):
            return programme_reason(programme, audience, include_waitlisted, person)

    return people, reason
