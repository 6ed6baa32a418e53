"""The leaders' weekly digest says whether their organisation's progress report is due."""

import datetime as dt
from functools import lru_cache

from django.conf import settings
from django.utils.translation import gettext as _

from familiestotte.templatetags.portal import when
from notifications.services import digest_section

from .models import report_due_at
from .selectors import reports_due_for_reminder


@lru_cache(maxsize=1)
def _due_reports(now: dt.datetime) -> list:
    """One selection per digest run, shared by every leader's section."""
    return reports_due_for_reminder(now=now)


@digest_section
def progress_report_due(leader, now):
    due = [d for d in _due_reports(now) if d.enrolment.organisation_id == leader.organisation_id]
    if not due:
        return None
    first = due[0]
    return {
        "title": _("Progress report due"),
        "text": _(
            "%(organisation)s's progress report for «%(gathering)s» is due %(due)s "
            "and is not submitted yet."
        )
        % {
            "organisation": first.enrolment.organisation.name,
            "gathering": first.gathering.title,
            "due": when(report_due_at(first.gathering)),
        },
        "url": settings.SITE_URL.rstrip("/") + first.report_path,
    }
