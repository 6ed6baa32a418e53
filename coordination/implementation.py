"""The implementation overview as a table, for the page's download (CSV and XLSX):
one row a unit with its phase, its last change, and milestones reached per goal."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from familiestotte import spreadsheets
from implementation.overview import ProgrammeProgress


def table(progress: ProgrammeProgress) -> tuple[list[str], list[list]]:
    header = [
        _("Organisation"),
        _("Region"),
        _("Phase"),
        _("Milestones reached"),
        _("Milestones late"),
        _("Last change"),
        _("Not moved for %(weeks)s weeks") % {"weeks": progress.stalled_weeks},
    ] + [_("Goal %(number)s reached") % {"number": goal.number} for goal in progress.goals]
    rows = []
    for unit in progress.units:
        organisation = unit.enrolment.organisation
        rows.append(
            [
                organisation.name,
                organisation.region,
                unit.phase_name or _("Done"),
                unit.plan.reached_count,
                unit.plan.late_count,
                unit.last_moved_on.isoformat(),
                _("Yes") if unit.stalled else _("No"),
            ]
            + [f"{count.reached}/{count.total}" for count in unit.per_goal]
        )
    return header, rows


def response(progress: ProgrammeProgress, *, fmt: str) -> HttpResponse:
    header, rows = table(progress)
    name = f"implementering-{spreadsheets.file_slug(progress.programme.slug)}"
    return spreadsheets.download(header, rows, name=name, sheet_title=_("Implementation"), fmt=fmt)
