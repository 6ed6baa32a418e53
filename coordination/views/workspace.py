"""The coordinator's start page (what needs doing), confirming leaders and confirming
that staff work where they say.

Every view answers 404 to anyone who is not a coordinator, and sends anonymous visitors
to log in. The rules live in participants.leadership and participants.membership; these
views read forms and call them.
"""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from participants.leadership import AlreadyDecided, confirm_leader, turn_down_leader
from participants.membership import NotWaiting, confirm_membership
from participants.models import Participant
from participants.selectors import leaders_waiting, members_waiting

from .. import todo
from ..forms import ConfirmLeaderForm, ConfirmMemberForm, TurnDownLeaderForm
from ..mixins import CoordinatorRequiredMixin


class StartView(CoordinatorRequiredMixin, TemplateView):
    """Where a coordinator lands after log-in: the lists of what needs doing."""

    template_name = "coordination/start.html"

    def get_context_data(self, **kwargs):
        failed, failed_total = todo.failed_emails()
        kwargs.update(
            leaders=list(leaders_waiting()),
            staff_waiting=list(members_waiting()),
            filling=todo.sessions_filling_up(),
            no_attendance=todo.sessions_without_attendance(),
            late_reports=todo.late_progress_reports(),
            failed_emails=failed,
            failed_total=failed_total,
            programmes=todo.key_numbers(),
        )
        return super().get_context_data(**kwargs)


class LeadersView(CoordinatorRequiredMixin, TemplateView):
    """Everyone waiting for their leader role to be confirmed, with confirm and turn down."""

    template_name = "coordination/leaders.html"

    def get_context_data(self, **kwargs):
        kwargs["leaders"] = list(leaders_waiting())
        return super().get_context_data(**kwargs)


class LeaderDecisionView(CoordinatorRequiredMixin, FormView):
    """The confirmation step of a decision on a leader; 404 once nobody waits for it."""

    template_name = "coordination/leader_decision.html"
    form_class: type[forms.Form] = ConfirmLeaderForm
    decision = "confirm"

    @cached_property
    def person(self) -> Participant:
        return get_object_or_404(leaders_waiting(), pk=self.kwargs["pk"])

    def post(self, request, *args, **kwargs):
        if not leaders_waiting().filter(pk=self.kwargs["pk"]).exists():
            return self.already_decided()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.update(person=self.person, decision=self.decision)
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        try:
            person = self.decide(form)
        except AlreadyDecided:
            return self.already_decided()
        messages.success(self.request, self.done_text() % {"name": person.full_name})
        return HttpResponseRedirect(reverse("coordination:leaders"))

    def decide(self, form) -> Participant:
        return confirm_leader(participant_id=self.kwargs["pk"])

    def done_text(self) -> str:
        return _("%(name)s is confirmed as a leader and has been told by email.")

    def already_decided(self):
        messages.info(self.request, _("Someone has already decided on this leader role."))
        return HttpResponseRedirect(reverse("coordination:leaders"))


class TurnDownLeaderView(LeaderDecisionView):
    form_class = TurnDownLeaderForm
    decision = "turn_down"

    def decide(self, form) -> Participant:
        return turn_down_leader(participant_id=self.kwargs["pk"], note=form.cleaned_data["note"])

    def done_text(self) -> str:
        return _("%(name)s is not confirmed as a leader and has been told by email.")


class StaffWaitingView(CoordinatorRequiredMixin, TemplateView):
    """Everyone waiting for a confirmation that they work in their organisation."""

    template_name = "coordination/members.html"

    def get_context_data(self, **kwargs):
        kwargs["people"] = list(members_waiting())
        return super().get_context_data(**kwargs)


class ConfirmMemberView(CoordinatorRequiredMixin, FormView):
    """The confirmation step of confirming a member; 404 once nobody waits for it."""

    template_name = "coordination/member_decision.html"
    form_class = ConfirmMemberForm

    def get_context_data(self, **kwargs):
        kwargs["person"] = get_object_or_404(members_waiting(), pk=self.kwargs["pk"])
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        try:
            person = confirm_membership(
                participant_id=self.kwargs["pk"], confirmed_by=self.request.user
            )
        except NotWaiting:
            messages.info(self.request, _("Nobody waits for this confirmation any more."))
        else:
            messages.success(
                self.request,
                _("%(name)s is confirmed as staff of %(organisation)s and has been told by email.")
                % {"name": person.full_name, "organisation": person.organisation},
            )
        return HttpResponseRedirect(reverse("coordination:members"))
