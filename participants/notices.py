"""A short email to one person about a decision on their account (their leader role,
their membership of an organisation), through the outbox with the portal's notice
template. Callers build the texts inside translation.override(settings.LANGUAGE_CODE)."""

from __future__ import annotations

from notifications.models import Email
from notifications.outbox import queue_email
from notifications.rendering import absolute

from .models import Participant


def tell(
    person: Participant, *, key: str, subject: str, paragraphs: list[str], url: str, reason: str
) -> None:
    """`key` names the email once (the outbox sends a key at most once); `url` is a path."""
    queue_email(
        recipient=person.user,
        kind=Email.Kind.OTHER,
        key=key,
        template_prefix="notifications/email/notice",
        context={
            "subject": subject,
            "paragraphs": paragraphs,
            "url": absolute(url),
            "reason": reason,
        },
        concerns=person,
    )
