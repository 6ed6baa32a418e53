"""The leader's pages for their organisation in a programme («Min enhet»).

Every view looks the enrolment up from the URL and answers 404 unless the person
may see it (resourcegroups.rules); objects below it (members, meetings, routines,
offers, partners, reports) are looked up *within* that enrolment, so a changed id
in a URL or a form field gives 404 too. Inside one's own organisation, a missing
right gives 403.
"""

import rules
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views import View

from participants.models import Enrolment
from participants.selectors import members_waiting

from ..export import matrix_response
from ..forms import (
    NO_PATIENT_DATA,
)
from ..selectors.enrolments import enrolment_for_page, enrolment_for_participant, staff_for_page
from ..selectors.organisation import organisation_page, staff_matrix


class EnrolmentAccessMixin(View):
    """The enrolment named in the URL: 404 outside one's organisation, 403 without the
    view's permission. Comes after LoginRequiredMixin, so it runs for signed-in people only."""

    permission = "resourcegroups.view_enrolment"
    enrolment: Enrolment  # set by dispatch

    def dispatch(self, request, *args, **kwargs):
        try:
            self.enrolment = enrolment_for_page(kwargs["enrolment"])
        except Enrolment.DoesNotExist as exc:
            raise Http404 from exc
        if not self.can("resourcegroups.view_enrolment"):
            raise Http404
        if self.permission != "resourcegroups.view_enrolment":
            self.require(self.permission)
        return super().dispatch(request, *args, **kwargs)

    def can(self, permission: str, obj=None) -> bool:
        return rules.has_perm(permission, self.request.user, obj or self.enrolment)

    def require(self, permission: str, obj=None) -> None:
        if not self.can(permission, obj):
            raise PermissionDenied


class EnrolmentView(LoginRequiredMixin, EnrolmentAccessMixin, View):
    """Base for every page under /enhet/<enrolment>/: anonymous visitors to the log-in
    page, 404 outside one's organisation."""

    template_name = ""

    def staff(self):
        return staff_for_page(self.enrolment)

    def base_context(self, **extra):
        context = {
            "enrolment": self.enrolment,
            "programme": self.enrolment.programme,
            "organisation": self.enrolment.organisation,
            "can_view_staff": self.can("resourcegroups.view_staff"),
            "can_manage_group": self.can("resourcegroups.manage_group"),
            "can_manage_work": self.can("resourcegroups.manage_work"),
            "can_view_reports": self.can("resourcegroups.view_reports"),
            "can_view_audit": self.can("resourcegroups.view_audit"),
            "no_patient_data": NO_PATIENT_DATA,
            "active_tab": getattr(self, "tab", ""),
        }
        context.update(extra)
        return context

    def render(self, template_name=None, status=200, **extra):
        return TemplateResponse(
            self.request,
            template_name or self.template_name,
            self.base_context(**extra),
            status=status,
        )


class MyUnitView(LoginRequiredMixin, View):
    """«Min enhet»: a leader's or service worker's organisation in the newest programme."""

    def get(self, request):
        participant = getattr(request.user, "participant", None)
        if participant is not None and participant.is_coordinator:
            return redirect("coordination:organisations")
        if (
            participant is not None
            and participant.organisation_id
            and not (participant.is_confirmed_member)
        ):
            return TemplateResponse(
                request, "resourcegroups/membership_waiting.html", {"participant": participant}
            )
        enrolment = enrolment_for_participant(participant)
        if enrolment is None:
            return TemplateResponse(request, "resourcegroups/no_enrolment.html", {})
        return redirect("resourcegroups:organisation", enrolment=enrolment.pk)


class OrganisationView(EnrolmentView):
    template_name = "resourcegroups/organisation.html"
    tab = "organisation"

    def get(self, request, enrolment):
        page = organisation_page(self.enrolment)
        waiting = (
            members_waiting(self.enrolment.organisation_id)
            if self.can("resourcegroups.confirm_member")
            else []
        )
        return self.render(page=page, waiting=waiting)


class StaffMatrixExportView(EnrolmentView):
    """The staff × training-day matrix as CSV or XLSX, for the organisation's leaders
    and coordinators (who see it on the page)."""

    permission = "resourcegroups.view_staff"
    format = "csv"

    def get(self, request, enrolment):
        return matrix_response(self.enrolment, staff_matrix(self.enrolment), fmt=self.format)
