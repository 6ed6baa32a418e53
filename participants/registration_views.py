"""Registration pages: register, «Mine påmeldinger», cancel, calendars, leaders' staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from programme.models import Programme, Session

from . import calendar, selectors, services
from .models import Participant, Registration
from .registration_forms import StaffRegistrationForm
from .rules import is_leader_of


def _outcome_message(request, registration: Registration, *, name: str | None = None) -> None:
    """Tell the person what happened: a seat, or a place on the waiting list."""
    title = registration.session.title
    if registration.status == Registration.Status.CONFIRMED:
        if name:
            text = _("%(name)s is registered for «%(title)s».")
        else:
            text = _("You are registered for «%(title)s». A confirmation is on its way by email.")
        messages.success(request, text % {"name": name, "title": title})
        return
    position = registration.queue_position  # set by services.register
    if name:
        text = _("«%(title)s» is full. %(name)s is number %(position)s on the waiting list.")
    else:
        text = _(
            "«%(title)s» is full. You are number %(position)s on the waiting list; "
            "we will email you if you get a seat."
        )
    messages.info(request, text % {"name": name, "title": title, "position": position})


@login_required
@require_POST
def register_for_session(request, pk):
    # The service loads (and locks) the session itself; an unknown id is a 404 and an
    # unpublished programme a refusal with code "unpublished", so the view need not
    # fetch it first.
    try:
        registration = services.register(
            participant=request.user.participant, session=Session(pk=pk)
        )
    except Session.DoesNotExist as exc:
        raise Http404 from exc
    except services.RegistrationError as exc:
        # An unpublished programme's sessions do not exist for participants (as on the
        # session page); the service tells, from the row it locked.
        if exc.code == "unpublished":
            raise Http404 from exc
        messages.error(request, exc.messages[0])
    else:
        _outcome_message(request, registration)
    return redirect("programme:session", pk=pk)


@login_required
@require_POST
def register_for_training_days(request, slug):
    programme = get_object_or_404(Programme.objects.published(), slug=slug)
    result = services.register_for_all_training_days(
        participant=request.user.participant, programme=programme
    )
    confirmed = sum(1 for r in result if r.status == Registration.Status.CONFIRMED)
    waitlisted = len(result) - confirmed
    if confirmed:
        messages.success(
            request,
            ngettext(
                "You are registered for %(count)s training day.",
                "You are registered for %(count)s training days.",
                confirmed,
            )
            % {"count": confirmed},
        )
    if waitlisted:
        messages.info(
            request,
            ngettext(
                "%(count)s training day is full: you are on its waiting list.",
                "%(count)s training days are full: you are on their waiting lists.",
                waitlisted,
            )
            % {"count": waitlisted},
        )
    for session, reason in result.skipped:
        messages.warning(request, f"{session.title}: {reason}")
    if not result and not result.skipped:
        messages.info(request, _("This programme has no training days yet."))
    return redirect("participants:registrations")


@login_required
def my_registrations(request):
    participant = request.user.participant
    registrations = selectors.registrations_of(participant)
    feed_url = request.build_absolute_uri(
        reverse("participants:calendar_feed", kwargs={"token": participant.calendar_token})
    )
    return render(
        request,
        "participants/registrations/mine.html",
        {
            "upcoming": registrations.upcoming,
            "past": registrations.past,
            "feed_url": feed_url,
            "webcal_url": feed_url.replace("https://", "webcal://").replace("http://", "webcal://"),
        },
    )


def _live_registration(pk, **owner):
    """A live registration, with its waiting-list place in the one query; 404 unless it
    belongs to `owner` (a participant filter)."""
    return get_object_or_404(
        selectors.with_positions(
            Registration.objects.exclude(status=Registration.Status.CANCELLED).select_related(
                "participant"
            )
        ),
        pk=pk,
        **owner,
    )


def _cancel(request, registration, *, person, texts, done_url):
    """GET asks «are you sure?» (its «No» leads back to `done_url`); POST cancels, says
    so with `texts` (on time, late), formatted with the session's title and `person`'s
    name, and returns to `done_url`. `person` is whose registration it is when someone
    else cancels it (a leader for their staff); None when people cancel their own."""
    if request.method == "POST":
        try:
            # Whoever is promoted is told by email; it is not this page's business.
            services.cancel(registration=registration, actor=request.user)
        except services.RegistrationError as exc:
            messages.error(request, exc.messages[0])
        else:
            on_time, late = texts
            text = late if registration.is_late_cancellation else on_time
            name = person.full_name if person else ""
            messages.success(request, text % {"name": name, "title": registration.session.title})
        return redirect(done_url)
    return render(
        request,
        "participants/registrations/cancel.html",
        {
            "registration": registration,
            "person": person,
            "position": registration.queue_position,
            "is_late": not registration.session.registration_open,
            "back_url": reverse(done_url),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cancel_registration(request, pk):
    """Cancel one of the person's own live registrations."""
    registration = _live_registration(pk, participant=request.user.participant)
    return _cancel(
        request,
        registration,
        person=None,
        texts=_own_cancel_texts(),
        done_url="participants:registrations",
    )


def _own_cancel_texts() -> tuple[str, str]:
    return (
        _("Your registration for «%(title)s» is cancelled."),
        _(
            "Your registration for «%(title)s» is cancelled. The deadline had passed, "
            "so it is recorded as a late cancellation."
        ),
    )


def calendar_feed(request, token):
    """The personal feed calendar programs subscribe to; the token is the only key."""
    participant = get_object_or_404(Participant, calendar_token=token)
    body = calendar.feed_calendar(
        selectors.live_registrations_of(participant),
        url_for=lambda session: request.build_absolute_uri(session.get_absolute_url()),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
@require_POST
def renew_calendar_token(request):
    request.user.participant.renew_calendar_token()
    messages.success(
        request,
        _(
            "Your calendar address is renewed. The old address no longer works: "
            "subscribe again with the new one."
        ),
    )
    return redirect(reverse("participants:registrations") + "#kalender")


def _leader_organisation(request):
    """The organisation the signed-in person leads, or 404."""
    participant = getattr(request.user, "participant", None)
    organisation = participant.organisation if participant else None
    if organisation is None or not is_leader_of(request.user, organisation):
        raise Http404
    return organisation


@login_required
def staff_registrations(request):
    """A leader sees their staff's registrations for the current programme."""
    organisation = _leader_organisation(request)
    programme = Programme.objects.current()
    staff = selectors.staff_with_registrations(organisation=organisation, programme=programme)
    return render(
        request,
        "participants/registrations/staff.html",
        {"organisation": organisation, "programme": programme, "staff": staff},
    )


@login_required
@require_http_methods(["GET", "POST"])
def register_staff_member(request, pk):
    """A leader registers one of their own staff for a training day. Others: 404."""
    organisation = _leader_organisation(request)
    person = get_object_or_404(selectors.staff_of(organisation), pk=pk)
    programme = Programme.objects.current()
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
            _outcome_message(request, registration, name=person.full_name)
            return redirect("participants:staff")
    registrations = selectors.registrations_of(person)
    form.show(selectors.training_days(programme) if programme else [])
    return render(
        request,
        "participants/registrations/staff_member.html",
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
def cancel_staff_registration(request, pk):
    """A leader cancels a live registration of one of their own staff. Anyone else's
    registration: 404."""
    organisation = _leader_organisation(request)
    registration = _live_registration(pk, participant__in=selectors.staff_of(organisation))
    if registration.participant_id == request.user.participant.pk:
        # The leader's own registration, listed with their staff's: worded as their own.
        return _cancel(
            request,
            registration,
            person=None,
            texts=_own_cancel_texts(),
            done_url="participants:staff",
        )
    texts = (
        _("%(name)s's registration for «%(title)s» is cancelled."),
        _(
            "%(name)s's registration for «%(title)s» is cancelled. The deadline had "
            "passed, so it is recorded as a late cancellation."
        ),
    )
    return _cancel(
        request,
        registration,
        person=registration.participant,
        texts=texts,
        done_url="participants:staff",
    )
