"""The resource group: members, contact person and meetings."""

import copy
from typing import Any

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from .. import services
from ..forms import (
    ContactForm,
    MeetingForm,
    MemberForm,
)
from ..models import (
    Meeting,
    Membership,
)
from ..selectors.enrolments import group_for_page
from .access import EnrolmentView


class GroupView(EnrolmentView):
    template_name = "resourcegroups/group.html"
    tab = "group"

    def group_context(self, **forms):
        group = group_for_page(self.enrolment)
        meetings = list(group.meetings.select_related("recorded_by__participant")) if group else []
        member_ids = group.member_ids if group else set()
        context: dict[str, Any] = {
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
        group = group_for_page(self.enrolment)
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
    # An action: a GET must not fall through to the group page's get() (a 500).
    http_method_names = ["post"]

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
        group = group_for_page(self.enrolment)
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
