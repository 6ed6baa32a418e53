"""A session's participant list as CSV and XLSX, for coordinators.

CSV: UTF-8 with a byte-order mark (so Excel reads æøå) and `;` between fields, as
Norwegian Excel expects. XLSX: written with openpyxl, every cell a typed string.

Both guard against formula injection: a name such as «=HYPERLINK(...)» typed by a
participant must never become a formula in the coordinator's spreadsheet.
"""

import csv
import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from programme.models import Session

from .models import Registration

# Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula
# (OWASP «CSV injection»), including the tab and carriage return variants.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

TRANSLITERATION = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


def neutralise(value: str) -> str:
    """Prefix a value that a spreadsheet would run as a formula with an apostrophe."""
    if value and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def filename(session: Session, extension: str) -> str:
    """«deltakerliste-opplaeringsdag-om-tema-2026-11-23.csv»: ASCII letters, digits, hyphens."""
    local_day = timezone.localtime(session.starts_at).date().isoformat()
    prefix = _("participant-list")
    words = f"{prefix} {session.title[:60]} {local_day}"
    stem = slugify(words.translate(TRANSLITERATION)) or "deltakerliste"
    return f"{stem}.{extension}"


def to_csv(registrations: Iterable[Registration]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(headers())
    for registration in registrations:
        writer.writerow([neutralise(value) for value in row(registration)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(session: Session, registrations: Iterable[Registration]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Participants")
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for registration in registrations:
        sheet.append([neutralise(value) for value in row(registration)])
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            # Typed as text: openpyxl would otherwise store a leading «=» as a formula.
            cell.data_type = "s"
    widths = [28, 28, 16, 32, 14, 28, 26]
    for column, width in zip("ABCDEFG", widths, strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    workbook.properties.title = session.title[:200]
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
