"""The leaders' weekly digest says whether their organisation's progress report is due."""

from django.conf import settings
from django.utils.translation import gettext as _

from familiestotte.formatting import when
from notifications.services import digest_section

from .models import report_due_at
from .selectors import reports_due_for_reminder


@digest_section
def progress_report_due(leaders, now) -> dict:
    """{leader pk: section} for leaders whose organisation has a report due; one
    selection of due reports per digest run."""
    first_due = {}
    for due in reports_due_for_reminder(now=now):
        first_due.setdefault(due.enrolment.organisation_id, due)
    sections = {}
    for leader in leaders:
        due = first_due.get(leader.organisation_id)
        if due is None:
            continue
        sections[leader.pk] = {
            "title": _("Progress report due"),
            "text": _(
                "%(organisation)s's progress report for «%(gathering)s» is due %(due)s "
                "and is not submitted yet."
            )
            % {
                "organisation": due.enrolment.organisation.name,
                "gathering": due.gathering.title,
                "due": when(report_due_at(due.gathering)),
            },
            "url": settings.SITE_URL.rstrip("/") + due.report_path,
        }
    return sections
