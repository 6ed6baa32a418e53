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

from programme.calendar import CANCEL, REQUEST, invitation
from programme.models import Session
from programme.selectors import count_kind_totals

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
# The calendar file each kind attaches (to those with a seat; see calendar_method).
CALENDAR_METHODS: dict[str, str] = {
    Email.Kind.CONFIRMED: REQUEST,
    Email.Kind.PROMOTED: REQUEST,
    Email.Kind.SESSION_CHANGED: REQUEST,
    Email.Kind.CANCELLED: CANCEL,
    Email.Kind.SESSION_CANCELLED: CANCEL,
}
CALENDAR_FILE = "samling.ics"
SERIES_CALENDAR_FILE = "opplaeringsdager.ics"

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
SERIES_REASON = gettext_lazy(
    "You get this email because you registered for the training days of %(programme)s "
    "in Familiestøtte."
)
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


def session_url_of(session: Session) -> str:
    return absolute(session.get_absolute_url())


def calendar_method(email: Email) -> str | None:
    """REQUEST, CANCEL or None (no file) for a session email. Only a person with a seat
    has the event in their calendar: the waiting list gets no file, and a cancelled
    registration a CANCEL only if it had a seat (`had_seat`, True when not recorded)."""
    method = CALENDAR_METHODS.get(email.kind)
    if email.kind in {Email.Kind.SESSION_CHANGED, Email.Kind.SESSION_CANCELLED}:
        return None if email.data.get("status") == "waitlisted" else method
    if email.kind == Email.Kind.CANCELLED and not email.data.get("had_seat", True):
        return None
    return method


def calendar_attachment(
    email: Email, sessions: list[Session], *, method: str, filename: str = CALENDAR_FILE
) -> tuple[str, bytes, str]:
    """The .ics of a session email, addressed to its recipient: the same events (UIDs,
    SEQUENCE) as the session page's .ics and the feeds, so calendar programs update or
    remove rather than duplicate."""
    content = invitation(
        sessions,
        method=method,
        url_for=session_url_of,
        attendee_email=email.to_email,
        attendee_name=_recipient_name(email),
    )
    return (filename, content, f"text/calendar; method={method}")


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
    session_url = session_url_of(session)
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
    if email.kind == Email.Kind.SERIES:
        return render_series_email(email)
    with translation.override(settings.LANGUAGE_CODE):
        context = session_email_context(email, recipient_name=_recipient_name(email))
        context["registration"] = email.registration
        subject, text, html = render_templates(f"{TEMPLATE_DIR}/{email.kind}", context)
    return Rendered(subject, text, html, _session_attachments(email))


def _session_attachments(email: Email) -> list[tuple[str, bytes, str]]:
    method = calendar_method(email)
    if method is None:
        return []
    return [calendar_attachment(email, [_session_of(email)], method=method)]


@dataclass
class SeriesDay:
    """One day of a series email: its session as it is now, and what the person got."""

    session: Session
    status: str  # confirmed or waitlisted
    place: int | None  # on the waiting list, 1 = first
    session_name: str
    session_url: str


def series_days(email: Email) -> list[SeriesDay]:
    """The days of a series email (data["days"]), each with its session as it is now:
    two queries, whatever the number of days. A day whose session is gone is left out."""
    days = email.data.get("days", [])
    sessions = {
        session.pk: session
        for session in Session.objects.filter(pk__in=[day["session"] for day in days])
        .select_related("venue", "programme")
        .order_by()
    }
    count_kind_totals(list(sessions.values()))
    return [
        SeriesDay(
            session=session,
            status=day["status"],
            place=day.get("place"),
            session_name=session_name(session),
            session_url=session_url_of(session),
        )
        for day in days
        if (session := sessions.get(day["session"])) is not None
    ]


def render_series_email(email: Email) -> Rendered:
    """The one email for registering for all training days: each day with a seat or a
    waiting-list place, and one .ics (METHOD:REQUEST) with a VEVENT per day with a seat.
    Waiting-list days stay out of the calendar until a seat is theirs (the promotion
    email brings that day's file)."""
    days = series_days(email)
    if not days:
        raise ValueError(f"Email {email.pk} of kind {email.kind} has no sessions left.")
    seated = [day.session for day in days if day.status == "confirmed"]
    programme = days[0].session.programme
    with translation.override(settings.LANGUAGE_CODE):
        context = common_context(recipient_name=_recipient_name(email))
        context.update(
            {
                "days": days,
                "programme": programme,
                "seats": len(seated),
                "waiting": len(days) - len(seated),
                "calendar_file": SERIES_CALENDAR_FILE,
                "reason": SERIES_REASON % {"programme": programme.name},
            }
        )
        subject, text, html = render_templates(f"{TEMPLATE_DIR}/series", context)
    attachments = []
    if seated:
        attachments.append(
            calendar_attachment(email, seated, method=REQUEST, filename=SERIES_CALENDAR_FILE)
        )
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

    def render(self, email: Email) -> Rendered:
        if email.subject:
            rendered = Rendered(email.subject, email.body_text, email.body_html)
            if email.kind == Email.Kind.SERIES:
                rendered.attachments = render_series_email(email).attachments
            elif email.session is not None:
                rendered.attachments = _session_attachments(email)
            return rendered
        if email.kind == Email.Kind.SERIES:
            return render_series_email(email)
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
        # The calendar file names its recipient (ATTENDEE), so it is made per email.
        return Rendered(*tidy(subject, text, html), attachments=_session_attachments(email))

    @staticmethod
    def _fill(part: str, name: str) -> str:
        if not name or "\ue000" not in part:
            return part
        return part.replace(ESCAPED_NAME_SLOT, escape(name)).replace(NAME_SLOT, name)


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
