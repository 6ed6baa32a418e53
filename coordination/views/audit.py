"""The audit log in the workspace: every row, filtered by person, organisation, type,
event and date range, fifty to a page."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.views import View

from audit.selectors import filtered
from participants.models import Organisation

from ..audit_forms import AuditFilterForm
from ..mixins import CoordinatorRequiredMixin

PER_PAGE = 50


class AuditLogView(CoordinatorRequiredMixin, View):
    """Anonymous: to the log-in page; anyone but a coordinator: 404."""

    def get(self, request):
        form = AuditFilterForm(request.GET or None)
        page = Paginator(filtered(form.filters()), PER_PAGE).get_page(request.GET.get("side"))
        names = dict(
            Organisation.objects.filter(
                pk__in={entry.organisation_id for entry in page if entry.organisation_id}
            ).values_list("pk", "name")
        )
        for entry in page:
            entry.organisation_name = names.get(entry.organisation_id, "")
        query = request.GET.copy()
        query.pop("side", None)
        return TemplateResponse(
            request,
            "coordination/audit_log.html",
            {
                "form": form,
                "page_obj": page,
                "query": query.urlencode() + "&" if query else "",
                "show_organisation": True,
                "show_address": True,
            },
        )
