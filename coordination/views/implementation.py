"""Every unit of a programme side by side on its implementation plan, and its download."""

from django.template.response import TemplateResponse
from django.views import View

from implementation.charts import phase_chart
from implementation.overview import STALLED_WEEKS, programme_progress

from .. import implementation
from ..forms import ImplementationFilterForm
from ..mixins import CoordinatorRequiredMixin
from ..programmes import programme_choice


class ImplementationOverviewView(CoordinatorRequiredMixin, View):
    """Anonymous: to the log-in page; anyone but a coordinator: 404."""

    template_name = "coordination/implementation.html"

    def progress(self):
        programmes, programme = programme_choice(self.request)
        form = ImplementationFilterForm(self.request.GET or None)
        weeks = (form.cleaned_data.get("weeks") if form.is_valid() else None) or STALLED_WEEKS
        return programmes, form, programme_progress(programme, stalled_weeks=weeks)

    def get(self, request):
        programmes, form, progress = self.progress()
        context = {
            "programmes": programmes,
            "programme": progress.programme,
            "form": form,
            "progress": progress,
            "chart": phase_chart(progress),
            "query": request.GET.urlencode(),
        }
        return TemplateResponse(request, self.template_name, context)


class ImplementationExportView(ImplementationOverviewView):
    format = "csv"

    def get(self, request):
        _programmes, _form, progress = self.progress()
        return implementation.response(progress, fmt=self.format)
