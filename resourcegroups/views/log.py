"""The unit's audit log on «Min enhet»: what was changed in the organisation (resource
group, routines, offers, partners, reports, confirmations), by whom and when, for its
leaders (and coordinators); 404 outside the organisation, 403 for its staff."""

from django.core.paginator import Paginator

from audit.selectors import for_organisation

from .access import EnrolmentView

PER_PAGE = 50


class AuditLogView(EnrolmentView):
    permission = "resourcegroups.view_audit"
    template_name = "resourcegroups/audit_log.html"
    tab = "log"

    def get(self, request, enrolment):
        rows = for_organisation(self.enrolment.organisation_id)
        page = Paginator(rows, PER_PAGE).get_page(request.GET.get("side"))
        return self.render(page_obj=page, query="", show_organisation=False, show_address=False)
