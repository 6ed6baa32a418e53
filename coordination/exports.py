"""Coordinators' downloads: a session's participant list and the overview of every
organisation, as CSV and XLSX (familiestotte.spreadsheets, which also guards against
formula injection).

Dietary needs can be health information (an allergy, coeliac disease): a list carries
them only when the coordinator asks for them (`?dietary=1`, the checkbox on the
session's list), for the kitchen; by default the column is left out.
"""

from collections.abc import Iterable

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from familiestotte import spreadsheets
from participants.models import Registration
from programme.models import Session


def made_as_job(session: Session) -> bool:
    """Whether the session's list is long enough to be made by a worker, as a job with a
    progress bar (EXPORT_JOB_THRESHOLD). The session's seat counts decide, so it costs no
    query (the cancelled, listed last, are not counted)."""
    listed = getattr(session, "confirmed_count", 0) + getattr(session, "waitlisted_count", 0)
    return listed > settings.EXPORT_JOB_THRESHOLD


def headers(*, with_dietary_needs: bool = False) -> list[str]:
    dietary = [_("Dietary needs")] if with_dietary_needs else []
    return [
        _("Name"),
        _("Organisation"),
        _("Role"),
        pgettext("export", "Job title"),
        _("Email"),
        _("Phone"),
        *dietary,
        _("Status"),
        pgettext("export", "Place on the waiting list"),
        pgettext("export", "Attendance"),
        pgettext("export", "Registered at"),
    ]


ATTENDANCE_WORDS = {True: gettext_lazy("Attended"), False: gettext_lazy("Did not attend")}


def status_text(registration: Registration) -> str:
    position = getattr(registration, "queue_position", None)
    if registration.status == Registration.Status.WAITLISTED and position:
        return _("On the waiting list, no. %(position)s") % {"position": position}
    return registration.get_status_display()


def row(registration: Registration, *, with_dietary_needs: bool = False) -> list[str]:
    participant = registration.participant
    dietary = [participant.dietary_needs] if with_dietary_needs else []
    waiting = registration.status == Registration.Status.WAITLISTED
    position = getattr(registration, "queue_position", None) if waiting else None
    attended = (
        ATTENDANCE_WORDS.get(registration.attended) if registration.attended is not None else ""
    )
    registered_at = timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M")
    return [
        participant.full_name,
        participant.workplace,
        participant.get_role_display(),
        participant.job_title,
        participant.user.email,
        participant.phone,
        *dietary,
        status_text(registration),
        str(position) if position else "",
        str(attended),
        registered_at,
    ]


def filename(session: Session, extension: str) -> str:
    """«deltakerliste-opplaeringsdag-om-tema-2026-11-23.csv»: ASCII letters, digits, hyphens."""
    local_day = timezone.localtime(session.starts_at).date().isoformat()
    prefix = _("participant-list")
    words = f"{prefix} {session.title[:60]} {local_day}"
    stem = spreadsheets.file_slug(words) or "deltakerliste"
    return f"{stem}.{extension}"


def to_csv(registrations: Iterable[Registration], *, with_dietary_needs: bool = False) -> bytes:
    return spreadsheets.csv_bytes(
        headers(with_dietary_needs=with_dietary_needs),
        (row(r, with_dietary_needs=with_dietary_needs) for r in registrations),
    )


def to_xlsx(
    session: Session, registrations: Iterable[Registration], *, with_dietary_needs: bool = False
) -> bytes:
    dietary_width = [28] if with_dietary_needs else []
    return spreadsheets.xlsx_bytes(
        headers(with_dietary_needs=with_dietary_needs),
        (row(r, with_dietary_needs=with_dietary_needs) for r in registrations),
        sheet_title=_("Participants"),
        document_title=session.title,
        widths=[28, 28, 16, 24, 32, 14, *dietary_width, 26, 12, 14, 18],
    )


def _report_cell(report) -> str:
    if report is None:
        return _("Not started")
    if not report.is_submitted:
        return _("Draft")
    return _("Submitted late") if report.is_late else _("Submitted")


def overview_table(overview) -> tuple[list[str], list[list]]:
    header = [
        _("Organisation"),
        _("Region"),
        _("Kind"),
        _("Enrolled on"),
        _("Time set aside"),
        _("Staff"),
        _("Staff registered"),
        _("Staff attending"),
        _("Resource group members"),
        _("Routines established"),
        _("Offers for relatives established"),
    ] + [_("Report: %(gathering)s") % {"gathering": g.numbered_title} for g in overview.gatherings]
    rows = []
    for row in overview.rows:
        enrolment = row.enrolment
        rows.append(
            [
                enrolment.organisation.name,
                enrolment.organisation.region,
                enrolment.organisation.get_kind_display(),
                enrolment.enrolled_on.isoformat(),
                enrolment.time_commitment_confirmed,
                enrolment.staff_count,
                enrolment.registered_count,
                enrolment.attending_count,
                enrolment.member_count,
                enrolment.routines_established,
                enrolment.offers_established,
            ]
            + [_report_cell(report) for _gathering, report in row.reports]
        )
    return header, rows


def overview_response(overview, *, fmt: str) -> HttpResponse:
    header, rows = overview_table(overview)
    name = f"oversikt-{spreadsheets.file_slug(overview.programme.slug)}"
    return spreadsheets.download(header, rows, name=name, sheet_title=_("Overview"), fmt=fmt)
