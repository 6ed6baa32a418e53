"""Turning an outbox row into subject, plain text, HTML and attachments.

When are emails rendered? Emails whose caller hands over a template and a context
(`queue_email`, the leader digest) are rendered when they are recorded, since their
context is not stored. Emails about a registration or a session (confirmation,
waiting list, promotion, cancellation, reminders, session changes) are rendered by
the send task from the row's registration, session and `data`, so a reminder shows
the session as it is when it goes out; the text is then stored on the row, and a
retry sends exactly what the first attempt tried to send.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from .calendar import session_ics
from .models import Email

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
REASONS = {
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
    attachments: list = field(default_factory=list)


def absolute(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url


def common_context(*, recipient_name: str = "") -> dict:
    return {
        "recipient_name": recipient_name,
        "site_url": settings.SITE_URL,
        "my_page_url": absolute(reverse("participants:dashboard")),
    }


def render_templates(template_prefix: str, context: dict) -> tuple[str, str, str]:
    """Subject on one line, plain text and HTML, in Norwegian Bokmål."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        text = render_to_string(f"{template_prefix}.txt", context)
        html = render_to_string(f"{template_prefix}.html", context)
    text = re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+\n", "\n", text)).strip() + "\n"
    return subject, text, html


def session_name(session) -> str:
    """«Opplæringsdag 3 av 8: Pårørendes rettigheter», or the title of a one-off event."""
    if session.number is None:
        return session.title
    return f"{session.numbered_title}: {session.title}"


def session_context(session) -> dict:
    return {
        "session": session,
        "session_name": session_name(session),
        "session_url": absolute(session.get_absolute_url()),
        "materials": [
            {
                "title": material.title,
                "url": absolute(material.file.url) if material.file else material.url,
            }
            for material in session.materials.all()
        ],
    }


def render_session_email(email: Email) -> Rendered:
    registration = email.registration
    session = email.session or (registration.session if registration else None)
    participant = registration.participant if registration else None
    name = participant.full_name if participant else ""
    with translation.override(settings.LANGUAGE_CODE):
        context = common_context(recipient_name=name)
        context.update(session_context(session))
        reason = REASONS.get(email.kind, DEFAULT_REASON)
        context.update(
            {
                "registration": registration,
                "data": email.data,
                "kind": email.kind,
                "reason": reason % {"session": context["session_name"]},
                "changes": [
                    {**change, "label": str(CHANGE_LABELS.get(change["field"], ""))}
                    for change in email.data.get("changes", [])
                ],
            }
        )
        subject, text, html = render_templates(f"{TEMPLATE_DIR}/{email.kind}", context)
    attachments = []
    if email.kind in WITH_CALENDAR:
        attachments.append(("samling.ics", session_ics(session), "text/calendar"))
    return Rendered(subject, text, html, attachments)


def render(email: Email) -> Rendered:
    """What goes out for this row: stored text if it has it, else rendered now."""
    if email.subject:
        rendered = Rendered(email.subject, email.body_text, email.body_html)
        if email.kind in WITH_CALENDAR and email.session_id:
            rendered.attachments.append(
                ("samling.ics", session_ics(email.session), "text/calendar")
            )
        return rendered
    if email.kind in SESSION_KINDS:
        return render_session_email(email)
    raise ValueError(f"Email {email.pk} of kind {email.kind} has no rendered text.")


def message_id(email: Email) -> str:
    """The same Message-ID on every attempt, so a receiving server can spot a repeat."""
    return f"<outbox.{email.pk}@familiestotte.invalid>"


def build_message(email: Email, rendered: Rendered, *, connection=None) -> EmailMultiAlternatives:
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
