"""The coordinator's overview as CSV or XLSX, safe to open in a spreadsheet.

A cell that begins with =, +, -, @, tab or carriage return would be run as a
formula by Excel or LibreOffice (CSV injection); such text gets a leading
apostrophe, and openpyxl is told the cell is a string.
"""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Numbers and booleans as they are; text that could start a formula, defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


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
    stamp = timezone.localdate().isoformat()
    name = f"oversikt-{slugify(overview.programme.slug)}-{stamp}"
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Overview")[:31]
        sheet.append([safe_cell(v) for v in header])
        for row in rows:
            sheet.append([safe_cell(v) for v in row])
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([safe_cell(v) for v in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    # A byte-order mark so Excel reads æ, ø and å as UTF-8.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
