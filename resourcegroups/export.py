"""The staff × training-day matrix as CSV or XLSX (familiestotte.spreadsheets)."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from familiestotte.spreadsheets import download, file_slug


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
    return download(header, rows, name=name, sheet_title=_("Staff"), fmt=fmt)
