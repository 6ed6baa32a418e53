"""A leader's staff: their registrations, registering one of them, and cancelling for
them. Only for the confirmed leader of the organisation; anyone else gets 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from familiestotte.http import AuthenticatedHttpRequest
from participants.models import Organisation
from participants.rules import is_leader_of
from participants.selectors import programme_for, programmes_of, staff_of
from programme.models import Session

from .. import selectors, services
from ..forms import StaffRegistrationForm
from .shared import cancel_page, live_registration_or_404, own_cancel_texts, say_outcome


def _leader_organisation(request: AuthenticatedHttpRequest) -> Organisation:
    """The organisation the signed-in person leads, or 404."""
    participant = getattr(request.user, "participant", None)
    organisation: Organisation | None = participant.organisation if participant else None
    if organisation is None or not is_leader_of(request.user, organisation):
        raise Http404
    return organisation


@login_required
def staff_registrations(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A leader sees their staff's registrations for their own programme (or the one chosen)."""
    organisation = _leader_organisation(request)
    leader = request.user.participant
    own = programmes_of(leader)
    programme = programme_for(leader, request.GET.get("programme"), own=own)
    staff = selectors.staff_with_registrations(organisation=organisation, programme=programme)
    context = {"organisation": organisation, "programme": programme, "staff": staff}
    return render(request, "registrations/staff.html", {**context, "programmes": own})


@login_required
@require_http_methods(["GET", "POST"])
def register_staff_member(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A leader registers one of their own staff for a training day. Others: 404."""
    organisation = _leader_organisation(request)
    person = get_object_or_404(staff_of(organisation), pk=pk)
    programme = programme_for(request.user.participant, request.GET.get("programme"))
    sessions = Session.objects.filter(programme=programme, kind=Session.Kind.TRAINING_DAY).order_by(
        "starts_at", "pk"
    )
    form = StaffRegistrationForm(request.POST or None, sessions=sessions)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(
                participant=person, session=form.cleaned_data["session"], actor=request.user
            )
        except services.RegistrationError as exc:
            form.add_error("session", exc.messages[0])
        else:
            say_outcome(request, registration, name=person.full_name)
            return redirect("registrations:staff")
    registrations = selectors.registrations_of(person)
    form.show(selectors.training_days(programme) if programme else [])
    return render(
        request,
        "registrations/staff_member.html",
        {
            "person": person,
            "form": form,
            "programme": programme,
            "upcoming": registrations.upcoming,
            "past": registrations.past,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cancel_staff_registration(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A leader cancels a live registration of one of their own staff. Anyone else's
    registration: 404."""
    organisation = _leader_organisation(request)
    registration = live_registration_or_404(pk, participant__in=staff_of(organisation))
    if registration.participant_id == request.user.participant.pk:
        # The leader's own registration, listed with their staff's: worded as their own.
        return cancel_page(
            request,
            registration,
            person=None,
            texts=own_cancel_texts(),
            done_url="registrations:staff",
        )
    texts = (
        _("%(name)s's registration for «%(title)s» is cancelled."),
        _(
            "%(name)s's registration for «%(title)s» is cancelled. The deadline had "
            "passed, so it is recorded as a late cancellation."
        ),
    )
    return cancel_page(
        request,
        registration,
        person=registration.participant,
        texts=texts,
        done_url="registrations:staff",
    )
