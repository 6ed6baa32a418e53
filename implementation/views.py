"""The unit's implementation plan: the timeline, marking a milestone, and the members
the leader chooses to mark them. Built on resourcegroups' EnrolmentView: 404 outside
one's organisation, 403 inside it without the right."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from participants.models import Participant
from resourcegroups.views.access import EnrolmentView

from . import services
from .forms import KeeperForm, MarkForm
from .models import MilestoneStatus
from .selectors import attach_keepers, plan_for_page
from .timeline import Row


class PlanView(EnrolmentView):
    template_name = "implementation/plan.html"
    tab = "implementation"
    permission = "implementation.view_plan"

    def get(self, request, enrolment, keeper_form=None, status=200):
        keepers = attach_keepers(self.enrolment)
        can_choose = self.can("implementation.choose_keepers")
        return self.render(
            status=status,
            plan=plan_for_page(self.enrolment),
            keepers=keepers,
            can_mark=self.can("implementation.mark_milestone"),
            can_choose_keepers=can_choose,
            keeper_form=(keeper_form or KeeperForm(enrolment=self.enrolment))
            if can_choose
            else None,
        )


def initial_for(row: Row) -> dict:
    """The form as the milestone stands, or filled in from what the data proposes."""
    initial: dict = {"status": row.record.status if row.record else MilestoneStatus.REACHED}
    if row.record:
        initial.update(reached_on=row.record.reached_on, note=row.record.note)
    if row.proposal:
        initial.update(status=MilestoneStatus.REACHED, reached_on=row.proposal.on)
    return initial


class MilestoneView(EnrolmentView):
    """One milestone: its status, history and, for those who mark, the form (filled in
    from what the unit's data proposes)."""

    template_name = "implementation/milestone.html"
    tab = "implementation"
    permission = "implementation.view_plan"

    def row(self, pk):
        """The milestone's row in the unit's plan: 404 for another programme's milestone."""
        rows = plan_for_page(self.enrolment).rows
        found = next((row for row in rows if row.milestone.pk == pk), None)
        if found is None:
            raise Http404
        return found

    def get(self, request, enrolment, pk, form=None, status=200):
        row = self.row(pk)
        if form is None:
            form = MarkForm(initial=initial_for(row), enrolment=self.enrolment)
        return self.render(
            status=status,
            row=row,
            history=list(row.record.changes.all()) if row.record else [],
            can_mark=self.can("implementation.mark_milestone"),
            form=form,
        )


class MarkMilestoneView(MilestoneView):
    """The form's target: a milestone reached, not relevant, or back to not reached."""

    permission = "implementation.mark_milestone"

    def post(self, request, enrolment, pk):
        row = self.row(pk)
        form = MarkForm(request.POST, enrolment=self.enrolment)
        if not form.is_valid():
            return self.get(request, enrolment, pk, form=form, status=400)
        data = form.cleaned_data
        _record, changed = services.mark_milestone(
            enrolment=self.enrolment,
            milestone=row.milestone,
            status=data["status"],
            reached_on=data["reached_on"],
            note=data["note"],
            actor=request.user,
        )
        text = _("«%(title)s» is saved.") if changed else _("«%(title)s» was already so.")
        messages.success(request, text % {"title": row.milestone.title})
        return redirect("implementation:plan", enrolment=enrolment)


class AddKeeperView(PlanView):
    permission = "implementation.choose_keepers"

    def post(self, request, enrolment):
        form = KeeperForm(request.POST, enrolment=self.enrolment)
        if not form.is_valid():
            return self.get(request, enrolment, keeper_form=form, status=400)
        participant = form.cleaned_data["participant"]
        services.choose_keeper(enrolment=self.enrolment, participant=participant)
        messages.success(
            request,
            _("%(name)s may now mark milestones.") % {"name": participant.full_name},
        )
        return redirect("implementation:plan", enrolment=enrolment)


class RemoveKeeperView(EnrolmentView):
    permission = "implementation.choose_keepers"

    def post(self, request, enrolment, participant):
        person = get_object_or_404(
            Participant, pk=participant, organisation_id=self.enrolment.organisation_id
        )
        services.remove_keeper(enrolment=self.enrolment, participant=person)
        messages.success(
            request,
            _("%(name)s no longer marks milestones.") % {"name": person.full_name},
        )
        return redirect("implementation:plan", enrolment=enrolment)
