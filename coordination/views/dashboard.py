"""The programme dashboard: a programme's figures per session, kind, month and
organisation, with charts, tables and a download of the per-session table."""

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views import View

from programme.models import Programme

from .. import dashboard_charts, dashboard_exports
from ..dashboard import dashboard
from ..mixins import CoordinatorRequiredMixin
from ..programmes import programme_choice


class DashboardChooserView(CoordinatorRequiredMixin, View):
    """To the chosen programme's dashboard (?programme=slug), or the newest published one's.
    Anonymous: to the log-in page; anyone but a coordinator: 404."""

    def get(self, request):
        _programmes, chosen = programme_choice(request)
        return redirect("coordination:dashboard", slug=chosen.slug)


class DashboardView(CoordinatorRequiredMixin, View):
    """Anonymous: to the log-in page; anyone but a coordinator: 404."""

    template_name = "coordination/dashboard.html"

    def board(self):
        programme = get_object_or_404(Programme, slug=self.kwargs["slug"])
        return dashboard(programme)

    def get(self, request, slug):
        board = self.board()
        context = {
            "programmes": Programme.objects.order_by("-starts_on", "pk"),
            "programme": board.programme,
            "board": board,
            "session_chart": dashboard_charts.session_chart(board),
            "month_chart": dashboard_charts.month_chart(board),
            "organisation_chart": dashboard_charts.organisation_chart(board),
        }
        return TemplateResponse(request, self.template_name, context)


class DashboardExportView(DashboardView):
    format = "csv"

    def get(self, request, slug):
        return dashboard_exports.response(self.board(), fmt=self.format)
