"""A progress report with its goal assessments."""

from django.db.models import (
    Prefetch,
)

from participants.models import Enrolment
from programme.models import Session

from ..models import (
    GoalAssessment,
    ProgressReport,
)


def report_for_page(enrolment: Enrolment, gathering: Session) -> ProgressReport | None:
    report = (
        ProgressReport.objects.select_related("submitted_by__participant")
        .prefetch_related(
            Prefetch("assessments", queryset=GoalAssessment.objects.select_related("goal"))
        )
        .filter(enrolment=enrolment, gathering=gathering)
        .first()
    )
    if report is not None:
        report.gathering = gathering
        report.enrolment = enrolment
    return report
