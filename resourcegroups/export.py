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
    stamp = timezone.localdate().isoformat()
    name = f"oversikt-{slugify(overview.programme.slug)}-{stamp}"
    if fmt == "xlsx":
        content = spreadsheets.xlsx_bytes(header, rows, sheet_title=_("Overview"))
        response = HttpResponse(content, content_type=spreadsheets.XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    content = spreadsheets.csv_bytes(header, rows)
    response = HttpResponse(content, content_type=spreadsheets.CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
