"""Turning an outbox row into subject, plain text, HTML and attachments.

When are emails rendered? Emails whose caller hands over a template and a context
(`queue_email`, the leader digest) are rendered when they are recorded, since their
context is not stored. Emails about a registration or a session (confirmation,
waiting list, promotion, cancellation, reminders, session changes) are rendered by
the send task from the row's registration, session and `data`, so a reminder shows
the session as it is when it goes out; the text is then stored on the row, and a
retry sends exactly what the first attempt tried to send.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy

from programme.calendar import session_calendar
from programme.models import Session

from .models import Email

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

TEMPLATE_DIR = "notifications/email"

# Kinds the outbox renders itself, at send time.
SESSION_KINDS = {
    Email.Kind.CONFIRMED,
    Email.Kind.WAITLISTED,
    Email.Kind.PROMOTED,
    Email.Kind.CANCELLED,
    Email.Kind.REMINDER,
    Email.Kind.SESSION_CHANGED,
    Email.Kind.SESSION_CANCELLED,
}
WITH_CALENDAR = {Email.Kind.CONFIRMED, Email.Kind.PROMOTED, Email.Kind.SESSION_CHANGED}

# Why the person gets the email; shown in every email's footer.
REASONS: dict[str, StrPromise] = {
    Email.Kind.CANCELLED: gettext_lazy(
        "You get this email because you cancelled your registration for %(session)s "
        "in Familiestøtte."
    ),
    Email.Kind.SESSION_CHANGED: gettext_lazy(
        "You get this email because you are registered for %(session)s in Familiestøtte."
    ),
    Email.Kind.SESSION_CANCELLED: gettext_lazy(
        "You get this email because you are registered for %(session)s in Familiestøtte."
    ),
    Email.Kind.MESSAGE: gettext_lazy(
        "You get this email because you are registered for %(session)s in Familiestøtte."
    ),
}
DEFAULT_REASON = gettext_lazy(
    "You get this email because you registered for %(session)s in Familiestøtte."
)
CHANGE_LABELS = {
    "starts_at": gettext_lazy("Starts"),
    "ends_at": gettext_lazy("Ends"),
    "venue": gettext_lazy("Venue"),
    "online_url": gettext_lazy("Online link"),
}


@dataclass
class Rendered:
    subject: str
    text: str
    html: str
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)


def absolute(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url


def session_ics(session: Session) -> bytes:
    """The .ics attached to a session email: the same event as the session page's .ics
    and the personal feed (one UID, so calendar programs update rather than duplicate)."""
    return session_calendar(session, url=absolute(session.get_absolute_url()))


def common_context(*, recipient_name: str = "") -> dict[str, object]:
    return {
        "recipient_name": recipient_name,
        "site_url": settings.SITE_URL,
        "my_page_url": absolute(reverse("mypage:dashboard")),
    }


def render_templates(template_prefix: str, context: Mapping[str, object]) -> tuple[str, str, str]:
    """Subject on one line, plain text and HTML, in Norwegian Bokmål."""
    return tidy(*render_raw(template_prefix, context))


def render_raw(template_prefix: str, context: Mapping[str, object]) -> tuple[str, str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        text = render_to_string(f"{template_prefix}.txt", context)
        html = render_to_string(f"{template_prefix}.html", context)
    return subject, text, html


def tidy(subject: str, text: str, html: str) -> tuple[str, str, str]:
    """The subject on one line; no trailing blanks or runs of empty lines in the text."""
    subject = " ".join(subject.split())
    text = re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+\n", "\n", text)).strip() + "\n"
    return subject, text, html


def session_name(session: Session) -> str:
    """«Opplæringsdag 3 av 8: Pårørendes rettigheter», or the title of a one-off event."""
    if session.number is None:
        return session.title
    return f"{session.numbered_title}: {session.title}"


def session_context(session: Session) -> dict[str, object]:
    session_url = absolute(session.get_absolute_url())
    return {
        "session": session,
        "session_name": session_name(session),
        "session_url": session_url,
        # A file is read on the session's page, where the portal checks who is asking; an
        # email is forwarded and kept, so it never holds the file's own address.
        "materials": [
            {
                "title": material.title,
                "url": f"{session_url}#materialer" if material.file else material.url,
            }
            for material in session.materials.all()
        ],
    }


def _session_of(email: Email) -> Session:
    """The session a session email is about: its own, or its registration's."""
    registration = email.registration
    session = email.session or (registration.session if registration else None)
    if session is None:
        raise ValueError(f"Email {email.pk} of kind {email.kind} has no session.")
    return session


def session_email_context(email: Email, *, recipient_name: str) -> dict[str, object]:
    """Everything a session email's templates use: the session, the row's data, the name."""
    context = common_context(recipient_name=recipient_name)
    context.update(session_context(_session_of(email)))
    reason = REASONS.get(email.kind, DEFAULT_REASON)
    context.update(
        {
            "data": email.data,
            "kind": email.kind,
            "reason": reason % {"session": context["session_name"]},
            "changes": [
                {**change, "label": str(CHANGE_LABELS.get(change["field"], ""))}
                for change in email.data.get("changes", [])
            ],
        }
    )
    return context


def _recipient_name(email: Email) -> str:
    registration = email.registration
    return registration.participant.full_name if registration else ""


def render_session_email(email: Email) -> Rendered:
    """One session email rendered on its own (the reference the batch renderer must match)."""
    with translation.override(settings.LANGUAGE_CODE):
        context = session_email_context(email, recipient_name=_recipient_name(email))
        context["registration"] = email.registration
        subject, text, html = render_templates(f"{TEMPLATE_DIR}/{email.kind}", context)
    attachments = []
    if email.kind in WITH_CALENDAR:
        attachments.append(("samling.ics", session_ics(_session_of(email)), "text/calendar"))
    return Rendered(subject, text, html, attachments)


# Stands in for the recipient's name while a batch renders one email for many people. The
# "&" shows whether the template escaped it: "&amp;" gets the HTML-escaped name, "&" the raw one.
NAME_SLOT = "\ue000&\ue001"
ESCAPED_NAME_SLOT = escape(NAME_SLOT)


class Renderer:
    """Renders a batch's emails, each distinct (kind, session, details) once.

    Session emails differ between recipients only in the name, so the templates run once
    per (kind, session, `data`, name or no name) with a placeholder for the name, which is
    then filled in per recipient, escaped where the template escaped it. The result is
    exactly what `render_session_email` gives (tests/notifications/test_rendering.py).
    Templates of session emails must use no per-recipient value other than
    `recipient_name` and `data`. A Renderer lives for one batch, so an edited session
    shows in the next batch.
    """

    def __init__(self) -> None:
        self._templates: dict[tuple[str, int, str, bool], tuple[str, str, str]] = {}
        self._calendars: dict[int, bytes] = {}

    def render(self, email: Email) -> Rendered:
        if email.subject:
            rendered = Rendered(email.subject, email.body_text, email.body_html)
            if email.kind in WITH_CALENDAR and email.session is not None:
                rendered.attachments.append(self._calendar(email.session))
            return rendered
        if email.kind not in SESSION_KINDS:
            raise ValueError(f"Email {email.pk} of kind {email.kind} has no rendered text.")
        session = _session_of(email)
        name = _recipient_name(email)
        key = (email.kind, session.pk, json.dumps(email.data, sort_keys=True), bool(name))
        if key not in self._templates:
            with translation.override(settings.LANGUAGE_CODE):
                context = session_email_context(email, recipient_name=NAME_SLOT if name else "")
                self._templates[key] = render_raw(f"{TEMPLATE_DIR}/{email.kind}", context)
        subject, text, html = (self._fill(part, name) for part in self._templates[key])
        rendered = Rendered(*tidy(subject, text, html))
        if email.kind in WITH_CALENDAR:
            rendered.attachments.append(self._calendar(session))
        return rendered

    @staticmethod
    def _fill(part: str, name: str) -> str:
        if not name or "\ue000" not in part:
            return part
        return part.replace(ESCAPED_NAME_SLOT, escape(name)).replace(NAME_SLOT, name)

    def _calendar(self, session: Session) -> tuple[str, bytes, str]:
        if session.pk not in self._calendars:
            self._calendars[session.pk] = session_ics(session)
        return ("samling.ics", self._calendars[session.pk], "text/calendar")


def message_id(email: Email) -> str:
    """The same Message-ID on every attempt, so a receiving server can spot a repeat."""
    return f"<outbox.{email.pk}@familiestotte.invalid>"


def build_message(
    email: Email, rendered: Rendered, *, connection: BaseEmailBackend | None = None
) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to_email],
        connection=connection,
        headers={"Message-ID": message_id(email), "X-Familiestotte-Key": email.key},
    )
    message.attach_alternative(rendered.html, "text/html")
    for filename, content, mimetype in rendered.attachments:
        message.attach(filename, content, mimetype)
    return message
