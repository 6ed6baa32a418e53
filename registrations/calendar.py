"""The personal calendar feed: a person's live registrations, each session the same event
(one UID) as its own .ics and the programme's feed (programme.calendar)."""

from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _

from participants.models import Registration
from programme.calendar import calendar_named, session_event, to_bytes
from programme.models import Session


def feed_calendar(
    registrations: Iterable[Registration], *, url_for: Callable[[Session], str]
) -> bytes:
    """A person's live registrations; waiting-list places are TENTATIVE."""
    calendar = calendar_named(_("Familiestøtte – my registrations"))
    for registration in registrations:
        status = "TENTATIVE" if registration.status == Registration.Status.WAITLISTED else None
        calendar.add_component(
            session_event(registration.session, url=url_for(registration.session), status=status)
        )
    return to_bytes(calendar)
