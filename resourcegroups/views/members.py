"""The leader confirms that someone who chose the organisation works there."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from participants.membership import NotWaiting, confirm_membership
from participants.models import Participant
from participants.selectors import members_waiting

from .access import EnrolmentView


class ConfirmMemberView(EnrolmentView):
    """The confirmation step (GET) and the confirmation (POST). Someone not waiting, or
    of another organisation: 404."""

    permission = "resourcegroups.confirm_member"
    template_name = "resourcegroups/confirm_member.html"
    tab = "organisation"

    def person(self, pk) -> Participant:
        try:
            return members_waiting(self.enrolment.organisation_id).get(pk=pk)
        except Participant.DoesNotExist as exc:
            raise Http404 from exc

    def get(self, request, enrolment, participant):
        return self.render(person=self.person(participant))

    def post(self, request, enrolment, participant):
        try:
            person = confirm_membership(
                participant_id=participant,
                confirmed_by=request.user,
                organisation_id=self.enrolment.organisation_id,
            )
        except NotWaiting as exc:
            raise Http404 from exc
        messages.success(
            request,
            _("%(name)s is confirmed as staff and has been told by email.")
            % {"name": person.full_name},
        )
        return redirect("resourcegroups:organisation", enrolment=self.enrolment.pk)
