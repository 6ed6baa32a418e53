"""Progress reports before each leader gathering: written, submitted, reopened."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programme.models import Goal, Session

from .. import services
from ..forms import ReportForm
from ..models import report_due_at, report_due_days
from ..selectors.organisation import report_lines, training_days_and_gatherings
from ..selectors.reports import report_for_page
from .access import EnrolmentView

REPORT_LOCKED = gettext_lazy("This report is submitted and can no longer be changed.")


class ReportListView(EnrolmentView):
    permission = "resourcegroups.view_reports"
    template_name = "resourcegroups/report_list.html"
    tab = "reports"

    def get(self, request, enrolment):
        _days, gatherings = training_days_and_gatherings(self.enrolment)
        return self.render(
            reports=report_lines(self.enrolment, gatherings),
            due_days=report_due_days(),
        )


class ReportPageView(EnrolmentView):
    """One gathering's report page, as its reader or writer may see it."""

    permission = "resourcegroups.view_reports"
    template_name = "resourcegroups/report.html"
    tab = "reports"

    def get_gathering(self, pk) -> Session:
        gathering = get_object_or_404(
            Session,
            pk=pk,
            programme_id=self.enrolment.programme_id,
            kind=Session.Kind.LEADER_GATHERING,
        )
        gathering.programme = self.enrolment.programme
        return gathering

    def goals(self) -> list[Goal]:
        return list(
            Goal.objects.filter(programme_id=self.enrolment.programme_id).order_by("number")
        )

    def page(self, gathering, report, form=None, status=200):
        can_write = self.can("resourcegroups.write_report") and not (
            report is not None and report.is_submitted
        )
        if can_write and form is None:
            form = ReportForm(goals=self.goals(), report=report)
        return self.render(
            status=status,
            gathering=gathering,
            report=report,
            due_at=report_due_at(gathering),
            form=form if can_write else None,
            can_reopen=report is not None
            and report.is_submitted
            and self.can("resourcegroups.reopen_report"),
        )


class ReportView(ReportPageView):
    """A leader writes the report as a draft and submits it; after that it is read-only."""

    def get(self, request, enrolment, gathering):
        gathering = self.get_gathering(gathering)
        return self.page(gathering, report_for_page(self.enrolment, gathering))

    def post(self, request, enrolment, gathering):
        gathering = self.get_gathering(gathering)
        self.require("resourcegroups.write_report")
        report = report_for_page(self.enrolment, gathering)
        if report is not None and report.is_submitted:
            messages.error(request, REPORT_LOCKED)
            return self.page(gathering, report, status=409)
        form = ReportForm(request.POST, goals=self.goals(), report=report)
        if not form.is_valid():
            return self.page(gathering, report, form=form, status=400)
        submit = request.POST.get("action") == "submit"
        try:
            report = save_report_form(form, self.enrolment, gathering, request.user, submit)
        except services.ReportLocked:
            messages.error(request, REPORT_LOCKED)
            return redirect(request.path)
        except ValidationError as error:
            form.add_error(None, error)
            return self.page(gathering, report, form=form, status=400)
        tell_saved(request, report, submit)
        return redirect(request.path)


def save_report_form(form, enrolment, gathering, actor, submit: bool):
    return services.save_report(
        enrolment=enrolment,
        gathering=gathering,
        actor=actor,
        done_since_last=form.cleaned_data["done_since_last"],
        next_steps=form.cleaned_data["next_steps"],
        help_needed=form.cleaned_data["help_needed"],
        assessments=form.assessments(),
        submit=submit,
    )


def tell_saved(request, report, submit: bool) -> None:
    if not submit:
        messages.success(request, _("The draft is saved. Submit it when it is ready."))
    elif report.is_late:
        messages.warning(request, _("The report is submitted, after the due date."))
    else:
        messages.success(request, _("The report is submitted. Thank you!"))


class ReopenReportView(ReportPageView):
    permission = "resourcegroups.reopen_report"

    def get(self, request, enrolment, gathering):
        raise Http404

    def post(self, request, enrolment, gathering):
        gathering = self.get_gathering(gathering)
        report = report_for_page(self.enrolment, gathering)
        if report is None or not report.is_submitted:
            raise Http404
        services.reopen_report(report=report)
        messages.success(request, _("The report is open for the leader again."))
        return redirect(report.get_absolute_url())
