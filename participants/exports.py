"""A session's participant list as CSV and XLSX, for coordinators (written by
familiestotte.spreadsheets, which also guards against formula injection)."""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from familiestotte import spreadsheets
from programme.models import Session

from .models import Registration

TRANSLITERATION = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def headers() -> list[str]:
    return [
        _("Name"),
        _("Organisation"),
        _("Role"),
        _("Email"),
        _("Phone"),
        _("Dietary needs"),
        _("Status"),
    ]


def status_text(registration: Registration) -> str:
    position = getattr(registration, "queue_position", None)
    if registration.status == Registration.Status.WAITLISTED and position:
        return _("On the waiting list, no. %(position)s") % {"position": position}
    return registration.get_status_display()


def row(registration: Registration) -> list[str]:
    participant = registration.participant
    return [
        participant.full_name,
        participant.organisation.name if participant.organisation else "",
        participant.get_role_display(),
        participant.user.email,
        participant.phone,
        participant.dietary_needs,
        status_text(registration),
    ]


def filename(session: Session, extension: str) -> str:
    """«deltakerliste-opplaeringsdag-om-tema-2026-11-23.csv»: ASCII letters, digits, hyphens."""
    local_day = timezone.localtime(session.starts_at).date().isoformat()
    prefix = _("participant-list")
    words = f"{prefix} {session.title[:60]} {local_day}"
    stem = slugify(words.translate(TRANSLITERATION)) or "deltakerliste"
    return f"{stem}.{extension}"


def to_csv(registrations: Iterable[Registration]) -> bytes:
    return spreadsheets.csv_bytes(headers(), (row(r) for r in registrations))


def to_xlsx(session: Session, registrations: Iterable[Registration]) -> bytes:
    return spreadsheets.xlsx_bytes(
        headers(),
        (row(r) for r in registrations),
        sheet_title=_("Participants"),
        document_title=session.title,
        widths=[28, 28, 16, 32, 14, 28, 26],
    )
