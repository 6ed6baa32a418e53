"""The coordinator's overview of every organisation in a programme, and its download."""

from typing import Any

from django.template.response import TemplateResponse
from django.views import View

from resourcegroups.selectors.organisation import leader_gatherings

from .. import organisations
from ..exports import overview_response
from ..forms import OverviewFilterForm
from ..mixins import CoordinatorRequiredMixin
from ..programmes import programme_choice


class OrganisationOverviewView(CoordinatorRequiredMixin, View):
    """Anonymous: to the log-in page; anyone but a coordinator: 404."""

    template_name = "coordination/organisations.html"

    def programme(self):
        programmes, chosen = programme_choice(self.request)
        return programmes, chosen

    def overview(self):
        programmes, programme = self.programme()
        gatherings = leader_gatherings(programme)
        form = OverviewFilterForm(
            self.request.GET or None,
            regions=organisations.regions_in(programme),
            gatherings=gatherings,
        )
        result = organisations.overview(programme, gatherings=gatherings, **chosen_filters(form))
        return programmes, programme, form, result

    def get(self, request):
        programmes, programme, form, result = self.overview()
        return TemplateResponse(
            request,
            self.template_name,
            {
                "programmes": programmes,
                "programme": programme,
                "form": form,
                "overview": result,
                "query": request.GET.urlencode(),
            },
        )


class OrganisationOverviewExportView(OrganisationOverviewView):
    format = "csv"

    def get(self, request):
        _programmes, programme, _form, result = self.overview()
        return overview_response(result, fmt=self.format)


def chosen_filters(form: OverviewFilterForm) -> dict[str, Any]:
    """The filters as the overview takes them; an invalid choice shows everything."""
    filters = form.cleaned_data if form.is_valid() else {}
    return {
        "q": filters.get("q", ""),
        "region": filters.get("region", ""),
        "kind": filters.get("kind", ""),
        "has_group": filters.get("has_group", ""),
        "missing_report": filters.get("missing_report"),
        "sort": filters.get("sort") or "name",
    }
