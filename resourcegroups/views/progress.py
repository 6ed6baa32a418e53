"""Progress over time: attendance per training day and routines and offers by status."""

from .. import charts
from ..selectors.matrix import attendance_matrix
from ..selectors.organisation import training_days_and_gatherings
from ..selectors.work import status_over_time
from .access import EnrolmentView


class ProgressView(EnrolmentView):
    template_name = "resourcegroups/progress.html"
    tab = "progress"

    def get(self, request, enrolment):
        staff = list(self.staff())
        training_days, _gatherings = training_days_and_gatherings(self.enrolment)
        matrix = attendance_matrix(self.enrolment, staff=staff, training_days=training_days)
        points = status_over_time(self.enrolment)
        return self.render(
            totals=matrix.totals,
            attendance_chart=charts.attendance_chart(matrix.totals),
            points=points,
            status_chart=charts.status_chart(points),
            legend=charts.legend(),
        )
