"""The person's own registrations: register for a session or every training day,
«Mine påmeldinger», cancel, and the personal calendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from familiestotte.http import AuthenticatedHttpRequest
from participants.models import Participant
from programme.models import Programme, Session

from .. import calendar, selectors, services
from .shared import (
    cancel_page,
    live_registration_or_404,
    own_cancel_texts,
    say_outcome,
    say_series_outcome,
)


@login_required
@require_POST
def register_for_session(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
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
        say_outcome(request, registration)
    return redirect("programme:session", pk=pk)


@login_required
@require_POST
def register_for_training_days(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.published(), slug=slug)
    result = services.register_for_all_training_days(
        participant=request.user.participant, programme=programme
    )
    say_series_outcome(request, result)
    return redirect("registrations:mine")


@login_required
def my_registrations(request: AuthenticatedHttpRequest) -> HttpResponse:
    participant = request.user.participant
    registrations = selectors.registrations_of(participant)
    feed_url = request.build_absolute_uri(
        reverse("registrations:calendar_feed", kwargs={"token": participant.calendar_token})
    )
    return render(
        request,
        "registrations/mine.html",
        {
            "upcoming": registrations.upcoming,
            "past": registrations.past,
            "feed_url": feed_url,
            "webcal_url": feed_url.replace("https://", "webcal://").replace("http://", "webcal://"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cancel_registration(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Cancel one of the person's own live registrations."""
    registration = live_registration_or_404(pk, participant=request.user.participant)
    return cancel_page(
        request,
        registration,
        person=None,
        texts=own_cancel_texts(),
        done_url="registrations:mine",
    )


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
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
def renew_calendar_token(request: AuthenticatedHttpRequest) -> HttpResponse:
    request.user.participant.renew_calendar_token()
    messages.success(
        request,
        _(
            "Your calendar address is renewed. The old address no longer works: "
            "subscribe again with the new one."
        ),
    )
    return redirect(reverse("registrations:mine") + "#kalender")
