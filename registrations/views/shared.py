"""What the person's own pages and a leader's staff pages share: the outcome of a
registration (or of every training day at once) in words, a live registration looked up
for its owner, and the cancel step with its «are you sure?» page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from familiestotte.http import AuthenticatedHttpRequest
from participants.models import Participant, Registration

from .. import selectors, services

if TYPE_CHECKING:
    from ..selectors import RegistrationWithTotal
    from ..services import TrainingDayRegistrations


def say_outcome(
    request: HttpRequest, registration: Registration, *, name: str | None = None
) -> None:
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


def say_series_outcome(request: HttpRequest, result: TrainingDayRegistrations) -> None:
    """Tell the person how many training days they got a seat at, how many they wait
    for, which were skipped and why, and that one email lists them all."""
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
    if result:
        messages.info(
            request,
            _(
                "One email with all these days is on its way, with a calendar file for "
                "the days you have a place at."
            ),
        )
    elif not result.skipped:
        messages.info(request, _("This programme has no training days yet."))


def live_registration_or_404(pk: int, **owner: object) -> RegistrationWithTotal:
    """A live registration, with its waiting-list place in the one query; 404 unless it
    belongs to `owner` (a participant filter)."""
    return get_object_or_404(
        selectors.with_positions(Registration.objects.live().select_related("participant")),
        pk=pk,
        **owner,
    )


def cancel_page(
    request: AuthenticatedHttpRequest,
    registration: Registration,
    *,
    person: Participant | None,
    texts: tuple[str, str],
    done_url: str,
) -> HttpResponse:
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
        "registrations/cancel.html",
        {
            "registration": registration,
            "person": person,
            "position": registration.queue_position,
            "is_late": not registration.session.registration_open,
            "back_url": reverse(done_url),
        },
    )


def own_cancel_texts() -> tuple[str, str]:
    return (
        _("Your registration for «%(title)s» is cancelled."),
        _(
            "Your registration for «%(title)s» is cancelled. The deadline had passed, "
            "so it is recorded as a late cancellation."
        ),
    )
