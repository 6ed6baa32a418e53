"""«Min side»: where a signed-in person starts, composed from the rooms below it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from certificates.services import progress_of
from participants.selectors import STAFF_ROLES, programme_for
from registrations.selectors import next_registrations_of
from supervision.selectors import supervision_groups_of

from .todo import leader_todo


@login_required
def dashboard(request):
    """Min side: the person's next sessions, their training days toward the certificate in
    the current programme, the supervision groups they belong to or lead, and for a
    confirmed leader what needs doing for their unit («Dette må gjøres»)."""
    participant = request.user.participant
    # The person's own programme (or the one chosen), not simply the newest cohort.
    programme = programme_for(participant, request.GET.get("programme"))
    attends_training = participant.role in STAFF_ROLES
    return render(
        request,
        "mypage/dashboard.html",
        {
            "participant": participant,
            "next_registrations": next_registrations_of(participant, limit=3),
            "programme": programme,
            "progress": (
                progress_of(participant=participant, programme=programme)
                if programme and attends_training
                else None
            ),
            "supervision_groups": supervision_groups_of(participant),
            "todo": leader_todo(participant),
        },
    )
