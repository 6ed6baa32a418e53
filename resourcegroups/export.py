"""The coordinator's overview as CSV or XLSX (written by familiestotte.spreadsheets,
which also guards against formula injection)."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from familiestotte import spreadsheets


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
    name = f"oversikt-{file_slug(overview.programme.slug)}"
    return file_response(header, rows, name=name, sheet_title=_("Overview"), fmt=fmt)


def matrix_table(matrix) -> tuple[list[str], list[list]]:
    """The staff × training-day matrix as on the organisation page: a row per person,
    a column per training day, then the days attended."""
    header = [_("Staff member"), _("Job title"), _("Role")]
    header += [session.full_title for session in matrix.sessions]
    header.append(_("Days attended"))
    rows = [
        [row.participant.full_name, row.participant.job_title, row.participant.get_role_display()]
        + [str(cell.label) for cell in row.cells]
        + [row.attended]
        for row in matrix.rows
    ]
    return header, rows


def matrix_response(enrolment, matrix, *, fmt: str) -> HttpResponse:
    header, rows = matrix_table(matrix)
    name = f"ansatte-{file_slug(enrolment.organisation.name)}-{file_slug(enrolment.programme.slug)}"
    return file_response(header, rows, name=name, sheet_title=_("Staff"), fmt=fmt)


# æ, ø and å have no ASCII decomposition: slugify would drop them («gjvik»).
NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def file_slug(text: str) -> str:
    """«Gjøvik kommune» -> «gjovik-kommune», for file names."""
    return slugify(text.translate(NORWEGIAN_LETTERS))


def file_response(header, rows, *, name: str, sheet_title: str, fmt: str) -> HttpResponse:
    """A download named `name` and today's date, as XLSX or CSV."""
    filename = f"{name}-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "xlsx":
        content = spreadsheets.xlsx_bytes(header, rows, sheet_title=sheet_title)
        response = HttpResponse(content, content_type=spreadsheets.XLSX_CONTENT_TYPE)
    else:
        content = spreadsheets.csv_bytes(header, rows)
        response = HttpResponse(content, content_type=spreadsheets.CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
