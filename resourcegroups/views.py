"""The leader's pages for their organisation in a programme, and the coordinator's overview.

Every view looks the enrolment up from the URL and answers 404 unless the person
may see it (resourcegroups.rules); objects below it (members, meetings, routines,
offers, partners, reports) are looked up *within* that enrolment, so a changed id
in a URL or a form field gives 404 too. Inside one's own organisation, a missing
right gives 403.
"""

import copy

import rules
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from participants.coordinator_views import AttendanceMixin, CoordinatorRequiredMixin
from participants.models import Enrolment
from participants.rules import is_coordinator
from programme.models import Goal, Programme, Session

from . import charts, selectors, services
from .forms import (
    NO_PATIENT_DATA,
    ContactForm,
    MeetingForm,
    MemberForm,
    OfferForm,
    OverviewFilterForm,
    PartnerForm,
    ReportForm,
    RoutineForm,
    StatusForm,
)
from .models import (
    Meeting,
    Membership,
    Offer,
    Partner,
    Routine,
    SupervisionGroup,
    report_due_at,
    report_due_days,
)


class EnrolmentAccessMixin:
    """The enrolment named in the URL: 404 outside one's organisation, 403 without the
    view's permission. Comes after LoginRequiredMixin, so it runs for signed-in people only."""

    permission = "resourcegroups.view_enrolment"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.enrolment = selectors.enrolment_for_page(kwargs["enrolment"])
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
        return selectors.staff_for_page(self.enrolment)

    def base_context(self, **extra):
        context = {
            "enrolment": self.enrolment,
            "programme": self.enrolment.programme,
            "organisation": self.enrolment.organisation,
            "can_view_staff": self.can("resourcegroups.view_staff"),
            "can_manage_group": self.can("resourcegroups.manage_group"),
            "can_manage_work": self.can("resourcegroups.manage_work"),
            "can_view_reports": self.can("resourcegroups.view_reports"),
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
            return redirect("resourcegroups:overview")
        enrolment = selectors.enrolment_for_participant(participant)
        if enrolment is None:
            return TemplateResponse(request, "resourcegroups/no_enrolment.html", {})
        return redirect("resourcegroups:organisation", enrolment=enrolment.pk)


class OrganisationView(EnrolmentView):
    template_name = "resourcegroups/organisation.html"
    tab = "organisation"

    def get(self, request, enrolment):
        page = selectors.organisation_page(self.enrolment)
        return self.render(page=page)


class StaffMatrixExportView(EnrolmentView):
    """The staff × training-day matrix as CSV or XLSX, for the organisation's leaders
    and coordinators (who see it on the page)."""

    permission = "resourcegroups.view_staff"
    format = "csv"

    def get(self, request, enrolment):
        from .export import matrix_response

        return matrix_response(
            self.enrolment, selectors.staff_matrix(self.enrolment), fmt=self.format
        )


# --- The resource group --------------------------------------------------------------


class GroupView(EnrolmentView):
    template_name = "resourcegroups/group.html"
    tab = "group"

    def group_context(self, **forms):
        group = selectors.group_for_page(self.enrolment)
        meetings = list(group.meetings.select_related("recorded_by__participant")) if group else []
        member_ids = group.member_ids if group else set()
        context = {
            "group": group,
            "meetings": meetings,
            "can_add_meeting": self.can("resourcegroups.add_meeting", group or self.enrolment),
            "editable_meeting_ids": {
                m.pk for m in meetings if self.can("resourcegroups.change_meeting", m)
            },
        }
        if self.can("resourcegroups.manage_group"):
            staff = self.staff()
            context["member_form"] = forms.get("member_form") or MemberForm(
                staff=staff, member_ids=member_ids
            )
            context["contact_form"] = forms.get("contact_form") or ContactForm(
                staff=staff,
                initial={"contact_person": group.contact_person_id if group else None},
            )
        if context["can_add_meeting"]:
            context["meeting_form"] = forms.get("meeting_form") or MeetingForm()
        return context

    def get(self, request, enrolment):
        return self.render(**self.group_context())


class AddMemberView(GroupView):
    permission = "resourcegroups.manage_group"

    def post(self, request, enrolment):
        group = selectors.group_for_page(self.enrolment)
        form = MemberForm(
            request.POST, staff=self.staff(), member_ids=group.member_ids if group else ()
        )
        if not form.is_valid():
            return self.render(status=400, **self.group_context(member_form=form))
        participant = form.cleaned_data["participant"]
        services.add_member(enrolment=self.enrolment, participant=participant)
        messages.success(
            request, _("%(name)s is now in the resource group.") % {"name": participant.full_name}
        )
        return redirect("resourcegroups:group", enrolment=self.enrolment.pk)


class RemoveMemberView(GroupView):
    permission = "resourcegroups.manage_group"

    def post(self, request, enrolment, participant):
        membership = get_object_or_404(
            Membership.objects.select_related("group", "participant"),
            group__enrolment=self.enrolment,
            participant_id=participant,
            participant__organisation_id=self.enrolment.organisation_id,
        )
        member = membership.participant
        services.remove_member(group=membership.group, participant=member)
        messages.success(
            request, _("%(name)s has left the resource group.") % {"name": member.full_name}
        )
        return redirect("resourcegroups:group", enrolment=self.enrolment.pk)


class ContactView(GroupView):
    permission = "resourcegroups.manage_group"

    def post(self, request, enrolment):
        form = ContactForm(request.POST, staff=self.staff())
        if not form.is_valid():
            return self.render(status=400, **self.group_context(contact_form=form))
        contact = form.cleaned_data["contact_person"]
        services.set_contact_person(enrolment=self.enrolment, participant=contact)
        messages.success(request, _("The contact person is saved."))
        return redirect("resourcegroups:group", enrolment=self.enrolment.pk)


class AddMeetingView(GroupView):
    def post(self, request, enrolment):
        group = selectors.group_for_page(self.enrolment)
        self.require("resourcegroups.add_meeting", group or self.enrolment)
        form = MeetingForm(request.POST)
        if not form.is_valid():
            return self.render(status=400, **self.group_context(meeting_form=form))
        services.record_meeting(
            group=group or services.get_or_create_group(enrolment=self.enrolment),
            met_on=form.cleaned_data["met_on"],
            notes=form.cleaned_data["notes"],
            actor=request.user,
        )
        messages.success(request, _("The meeting is recorded."))
        return redirect("resourcegroups:group", enrolment=self.enrolment.pk)


class MeetingView(EnrolmentView):
    """Change a meeting's date or notes: the leader, or whoever recorded it."""

    template_name = "resourcegroups/meeting_form.html"
    tab = "group"

    def get_meeting(self, pk) -> Meeting:
        meeting = get_object_or_404(
            Meeting.objects.select_related("group"), pk=pk, group__enrolment=self.enrolment
        )
        meeting.group.enrolment = self.enrolment
        self.require("resourcegroups.change_meeting", meeting)
        return meeting

    def get(self, request, enrolment, pk):
        meeting = self.get_meeting(pk)
        return self.render(meeting=meeting, form=MeetingForm(instance=meeting))

    def post(self, request, enrolment, pk):
        meeting = self.get_meeting(pk)
        # A copy, so the form's validation leaves the meeting shown on the page as it was.
        form = MeetingForm(request.POST, instance=copy.copy(meeting))
        if not form.is_valid():
            return self.render(status=400, meeting=meeting, form=form)
        services.update_meeting(
            meeting=meeting, met_on=form.cleaned_data["met_on"], notes=form.cleaned_data["notes"]
        )
        messages.success(request, _("The meeting is saved."))
        return redirect("resourcegroups:group", enrolment=self.enrolment.pk)


# --- Routines, offers and partners ---------------------------------------------------


class WorkListView(EnrolmentView):
    template_name = "resourcegroups/work_list.html"
    tab = "work"

    def get(self, request, enrolment, partner_form=None, status=200):
        return self.render(
            status=status,
            routines=selectors.work_items(self.enrolment, Routine),
            offers=selectors.work_items(self.enrolment, Offer),
            partners=list(self.enrolment.partners.all()),
            partner_form=partner_form or PartnerForm(),
        )


WORK_MODELS = {"routine": (Routine, RoutineForm), "offer": (Offer, OfferForm)}


class WorkCreateView(EnrolmentView):
    permission = "resourcegroups.manage_work"
    template_name = "resourcegroups/work_form.html"
    tab = "work"
    kind = "routine"

    def form(self, data=None):
        model, form_class = WORK_MODELS[self.kind]
        return form_class(data, programme=self.enrolment.programme, with_status=True)

    def get(self, request, enrolment):
        return self.render(form=self.form(), kind=self.kind, item=None)

    def post(self, request, enrolment):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render(status=400, form=form, kind=self.kind, item=None)
        model = WORK_MODELS[self.kind][0]
        data = form.cleaned_data
        item = services.create_work(
            model=model,
            enrolment=self.enrolment,
            actor=request.user,
            title=data["title"],
            description=data["description"],
            goals=data["goals"],
            status=data["status"],
            kind=data.get("kind"),
        )
        messages.success(request, _("«%(title)s» is saved.") % {"title": item.title})
        return redirect(item.get_absolute_url())


class WorkItemMixin:
    kind = "routine"

    def get_item(self, pk):
        model = WORK_MODELS[self.kind][0]
        try:
            item = selectors.work_item_for_page(self.enrolment, model, pk)
        except model.DoesNotExist as exc:
            raise Http404 from exc
        item.enrolment = self.enrolment
        return item


class WorkDetailView(WorkItemMixin, EnrolmentView):
    template_name = "resourcegroups/work_detail.html"
    tab = "work"

    def get(self, request, enrolment, pk, status_form=None, status=200):
        item = self.get_item(pk)
        return self.render(
            status=status,
            item=item,
            kind=self.kind,
            history=list(item.status_changes.all()),
            status_form=status_form or StatusForm(initial={"status": item.status}),
        )


class WorkStatusView(WorkDetailView):
    permission = "resourcegroups.manage_work"

    def post(self, request, enrolment, pk):
        item = self.get_item(pk)
        form = StatusForm(request.POST)
        if not form.is_valid():
            return self.get(request, enrolment, pk, status_form=form, status=400)
        changed = services.change_status(
            item=item,
            to_status=form.cleaned_data["status"],
            actor=request.user,
            note=form.cleaned_data["note"],
        )
        if changed:
            messages.success(
                request,
                _("The status is now «%(status)s».") % {"status": item.get_status_display()},
            )
        else:
            messages.info(
                request,
                _("The status was already «%(status)s».") % {"status": item.get_status_display()},
            )
        return redirect(item.get_absolute_url())


class WorkUpdateView(WorkItemMixin, EnrolmentView):
    permission = "resourcegroups.manage_work"
    template_name = "resourcegroups/work_form.html"
    tab = "work"

    def form(self, item, data=None):
        form_class = WORK_MODELS[self.kind][1]
        return form_class(data, instance=item, programme=self.enrolment.programme)

    def get(self, request, enrolment, pk):
        item = self.get_item(pk)
        return self.render(form=self.form(item), kind=self.kind, item=item)

    def post(self, request, enrolment, pk):
        item = self.get_item(pk)
        # A copy, so the form's validation leaves the item shown on the page as it was.
        form = self.form(copy.copy(item), request.POST)
        if not form.is_valid():
            return self.render(status=400, form=form, kind=self.kind, item=item)
        data = form.cleaned_data
        services.update_work(
            item=item,
            title=data["title"],
            description=data["description"],
            goals=data["goals"],
            kind=data.get("kind"),
        )
        messages.success(request, _("«%(title)s» is saved.") % {"title": item.title})
        return redirect(item.get_absolute_url())


class AddPartnerView(WorkListView):
    permission = "resourcegroups.manage_work"

    def post(self, request, enrolment):
        form = PartnerForm(request.POST)
        if not form.is_valid():
            return self.get(request, enrolment, partner_form=form, status=400)
        partner = services.add_partner(enrolment=self.enrolment, **form.cleaned_data)
        messages.success(request, _("«%(name)s» is added.") % {"name": partner.name})
        return redirect(
            reverse("resourcegroups:work", kwargs={"enrolment": enrolment}) + "#partnere"
        )


class RemovePartnerView(EnrolmentView):
    permission = "resourcegroups.manage_work"

    def post(self, request, enrolment, pk):
        partner = get_object_or_404(Partner, pk=pk, enrolment=self.enrolment)
        services.remove_partner(partner=partner)
        messages.success(request, _("«%(name)s» is removed.") % {"name": partner.name})
        return redirect(
            reverse("resourcegroups:work", kwargs={"enrolment": enrolment}) + "#partnere"
        )


# --- Progress reports ----------------------------------------------------------------


class ReportListView(EnrolmentView):
    permission = "resourcegroups.view_reports"
    template_name = "resourcegroups/report_list.html"
    tab = "reports"

    def get(self, request, enrolment):
        _days, gatherings = selectors.training_days_and_gatherings(self.enrolment)
        return self.render(
            reports=selectors.report_lines(self.enrolment, gatherings),
            due_days=report_due_days(),
        )


class ReportView(EnrolmentView):
    """A leader writes the report as a draft and submits it; after that it is read-only."""

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

    def goals(self):
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

    def get(self, request, enrolment, gathering):
        gathering = self.get_gathering(gathering)
        return self.page(gathering, selectors.report_for_page(self.enrolment, gathering))

    def post(self, request, enrolment, gathering):
        gathering = self.get_gathering(gathering)
        self.require("resourcegroups.write_report")
        report = selectors.report_for_page(self.enrolment, gathering)
        if report is not None and report.is_submitted:
            messages.error(request, _("This report is submitted and can no longer be changed."))
            return self.page(gathering, report, status=409)
        form = ReportForm(request.POST, goals=self.goals(), report=report)
        if not form.is_valid():
            return self.page(gathering, report, form=form, status=400)
        submit = request.POST.get("action") == "submit"
        try:
            report = services.save_report(
                enrolment=self.enrolment,
                gathering=gathering,
                actor=request.user,
                done_since_last=form.cleaned_data["done_since_last"],
                next_steps=form.cleaned_data["next_steps"],
                help_needed=form.cleaned_data["help_needed"],
                assessments=form.assessments(),
                submit=submit,
            )
        except services.ReportLocked:
            messages.error(request, _("This report is submitted and can no longer be changed."))
            return redirect(request.path)
        except ValidationError as error:
            form.add_error(None, error)
            return self.page(gathering, report, form=form, status=400)
        if submit:
            if report.is_late:
                messages.warning(request, _("The report is submitted, after the due date."))
            else:
                messages.success(request, _("The report is submitted. Thank you!"))
        else:
            messages.success(request, _("The draft is saved. Submit it when it is ready."))
        return redirect(request.path)


class ReopenReportView(ReportView):
    permission = "resourcegroups.reopen_report"

    def get(self, request, enrolment, gathering):
        raise Http404

    def post(self, request, enrolment, gathering):
        gathering = self.get_gathering(gathering)
        report = selectors.report_for_page(self.enrolment, gathering)
        if report is None or not report.is_submitted:
            raise Http404
        services.reopen_report(report=report)
        messages.success(request, _("The report is open for the leader again."))
        return redirect(report.get_absolute_url())


# --- Progress charts -----------------------------------------------------------------


class ProgressView(EnrolmentView):
    template_name = "resourcegroups/progress.html"
    tab = "progress"

    def get(self, request, enrolment):
        staff = list(self.staff())
        training_days, _gatherings = selectors.training_days_and_gatherings(self.enrolment)
        matrix = selectors.attendance_matrix(
            self.enrolment, staff=staff, training_days=training_days
        )
        points = selectors.status_over_time(self.enrolment)
        return self.render(
            totals=matrix.totals,
            attendance_chart=charts.attendance_chart(matrix.totals),
            points=points,
            status_chart=charts.status_chart(points),
            legend=charts.legend(),
        )


# --- The coordinator's overview ------------------------------------------------------


class OverviewView(CoordinatorRequiredMixin, View):
    """Anonymous: to the log-in page; anyone but a coordinator: 404."""

    template_name = "resourcegroups/overview.html"

    def programme(self):
        programmes = list(Programme.objects.order_by("-starts_on", "pk"))
        if not programmes:
            raise Http404
        slug = self.request.GET.get("programme")
        chosen = next((p for p in programmes if p.slug == slug), programmes[0])
        return programmes, chosen

    def overview(self):
        programmes, programme = self.programme()
        gatherings = selectors.leader_gatherings(programme)
        form = OverviewFilterForm(
            self.request.GET or None,
            regions=selectors.regions_in(programme),
            gatherings=gatherings,
        )
        filters = form.cleaned_data if form.is_valid() else {}
        result = selectors.overview(
            programme,
            q=filters.get("q", ""),
            region=filters.get("region", ""),
            kind=filters.get("kind", ""),
            has_group=filters.get("has_group", ""),
            missing_report=filters.get("missing_report"),
            sort=filters.get("sort") or "name",
            gatherings=gatherings,
        )
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


class OverviewExportView(OverviewView):
    format = "csv"

    def get(self, request):
        from .export import overview_response

        _programmes, programme, _form, result = self.overview()
        return overview_response(result, fmt=self.format)


class SupervisionGroupView(LoginRequiredMixin, View):
    """A supervision group: its supervisor, meetings and members. For its members, its
    supervisor and coordinators; anyone else gets a 404."""

    def get(self, request, pk):
        participant = getattr(request.user, "participant", None)
        try:
            group = selectors.supervision_group_page(
                pk=pk, participant=participant, coordinator=is_coordinator(request.user)
            )
        except SupervisionGroup.DoesNotExist as exc:
            raise Http404 from exc
        return TemplateResponse(request, "resourcegroups/supervision_group.html", {"group": group})


class SupervisionAttendanceView(LoginRequiredMixin, AttendanceMixin, FormView):
    """The group's supervisor takes attendance at one of its meetings, as a coordinator does
    on the session's list; back to the group's page. Anonymous: to the log-in page; anyone
    but its supervisor or a coordinator, or a session that is not one of this group's
    meetings: 404."""

    template_name = "resourcegroups/supervision_attendance.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.get_meeting()  # the permission check, before any form is read
        return super().dispatch(request, *args, **kwargs)

    def get_meeting(self) -> tuple[SupervisionGroup, Session]:
        if not hasattr(self, "_meeting"):
            try:
                self._meeting = selectors.supervision_meeting(
                    group_pk=self.kwargs["pk"],
                    session_pk=self.kwargs["session"],
                    participant=getattr(self.request.user, "participant", None),
                    coordinator=is_coordinator(self.request.user),
                )
            except (SupervisionGroup.DoesNotExist, Session.DoesNotExist) as exc:
                raise Http404 from exc
        return self._meeting

    def get_session(self) -> Session:
        return self.get_meeting()[1]

    def attendees(self):
        """The group's own members only: a meeting may be shared with another group, whose
        members this supervisor does not lead (one query more)."""
        group, _session = self.get_meeting()
        members = set(group.members.values_list("pk", flat=True))
        return [r for r in super().attendees() if r.participant_id in members]

    def back_url(self) -> str:
        return self.get_meeting()[0].get_absolute_url()

    def get_context_data(self, **kwargs):
        kwargs["group"], kwargs["session"] = self.get_meeting()
        return super().get_context_data(**kwargs)
