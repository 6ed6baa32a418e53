"""Resource groups and the local work they drive: routines, offers for relatives,
collaboration partners and the leaders' progress reports before each leader gathering.

Nothing here may hold information about patients or relatives: meeting notes are
short decisions, and the forms and pages say so.
"""

from .group import Meeting, Membership, ResourceGroup
from .reports import (
    DEFAULT_REPORT_DUE_DAYS,
    GoalAssessment,
    ProgressReport,
    report_due_at,
    report_due_days,
)
from .supervision import SupervisionGroup
from .work import LocalWork, Offer, Partner, Routine, StatusChange, WorkStatus

__all__ = [
    "DEFAULT_REPORT_DUE_DAYS",
    "GoalAssessment",
    "LocalWork",
    "Meeting",
    "Membership",
    "Offer",
    "Partner",
    "ProgressReport",
    "ResourceGroup",
    "Routine",
    "StatusChange",
    "SupervisionGroup",
    "WorkStatus",
    "report_due_at",
    "report_due_days",
]
