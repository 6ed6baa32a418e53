"""The dashboard's per-session table as a download (CSV and XLSX), through
familiestotte.spreadsheets: the same figures as the page, rates in per cent."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from familiestotte import spreadsheets

from .dashboard import Dashboard


def rate(value: float | None) -> int | str:
    return round(value * 100) if value is not None else ""


def table(board: Dashboard) -> tuple[list[str], list[list]]:
    header = [
        pgettext("dashboard", "Session"),
        pgettext("dashboard", "Kind"),
        pgettext("dashboard", "Date"),
        _("Seats"),
        _("Registered"),
        _("Fill rate (%)"),
        _("Waiting list"),
        _("Attended"),
        _("Attendance rate (%)"),
        _("No-shows"),
        _("Late cancellations"),
        _("Cancelled session"),
    ]
    rows = []
    for row in board.sessions:
        session, figures = row.session, row.figures
        rows.append(
            [
                session.full_title,
                session.get_kind_display(),
                timezone.localtime(session.starts_at).date().isoformat(),
                figures.capacity,
                figures.confirmed,
                rate(figures.fill_rate),
                figures.waitlisted,
                figures.attended if row.started else "",
                rate(figures.attendance_rate),
                figures.no_shows,
                figures.late_cancellations,
                session.is_cancelled,
            ]
        )
    return header, rows


def response(board: Dashboard, *, fmt: str) -> HttpResponse:
    header, rows = table(board)
    prefix = _("programme-figures")
    name = f"{prefix}-{spreadsheets.file_slug(board.programme.slug)}"
    return spreadsheets.download(
        header, rows, name=name, sheet_title=pgettext("dashboard", "Sessions"), fmt=fmt
    )
