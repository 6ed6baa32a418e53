"""iCalendar files: one per session and one of a programme's sessions. The personal feed of
a person's registrations (registrations.calendar) is built from the same events.

Times are written in Europe/Oslo with a VTIMEZONE, so calendar programs show the
Norwegian time whatever their own zone. Each session has one stable UID, so a
program that subscribes to the feed updates an event instead of duplicating it, and
its SEQUENCE (Session.sequence), so the program knows which version is newer.

Emails carry invitations (`invitation`): METHOD:REQUEST for the sessions a person
has a seat at, METHOD:CANCEL (STATUS:CANCELLED) when the seat or the session is gone,
with the same UIDs and SEQUENCE as the feeds, so Outlook and Google Calendar update or
remove the event they already hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from familiestotte.formatting import clock, weekday_day

from .models import Session
from .talks import Talk, talks_by_day

OSLO = ZoneInfo("Europe/Oslo")
PRODID = "-//Familiestøtte//Familiestøtte-portalen//NB"


def session_uid(session: Session) -> str:
    return f"session-{session.pk}@familiestotte"


def calendar_named(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _location(session: Session) -> str:
    if session.venue_id:
        venue = session.venue
        assert venue is not None  # its id is set
        return venue.full_address
    return session.online_url or _("Online")


def _oslo(moment):
    return timezone.localtime(moment, OSLO).replace(microsecond=0)


def session_event(session: Session, *, url: str, status: str | None = None) -> Event:
    """The session as a VEVENT; STATUS:CANCELLED when the session is cancelled."""
    event = Event()
    event.add("uid", session_uid(session))
    event.add("sequence", session.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", _oslo(session.starts_at))
    event.add("dtend", _oslo(session.ends_at))
    event.add("summary", session.full_title)
    event.add("location", _location(session))
    description = [session.description.strip(), talks_text(_talks(session)), url]
    if session.online_url:
        description.append(_("Online link: %(url)s") % {"url": session.online_url})
    event.add("description", "\n\n".join(part for part in description if part))
    event.add("url", url)
    event.add("status", "CANCELLED" if session.is_cancelled else (status or "CONFIRMED"))
    return event


def _talks(session: Session) -> list[Talk]:
    """The talks prefetched by programme.selectors.talks_prefetch; none otherwise (the
    personal feed does not load them, so it asks nothing per session)."""
    return getattr(session, "programme_talks", [])


def talks_text(talks: list[Talk]) -> str:
    """The programme for DESCRIPTION, by day: «09.30–10.15 Title – Speaker (Room)»."""
    if not talks:
        return ""
    lines = [_("Programme")]
    for talk_day in talks_by_day(talks):
        lines.append("")
        lines.append(weekday_day(talk_day.talks[0].starts_at).capitalize())
        for talk in talk_day.talks:
            line = f"{clock(talk.starts_at)}–{clock(talk.ends_at)} {talk.title}"
            if names := talk.speaker_names:
                line += f" – {names}"
            if talk.room:
                line += f" ({talk.room})"
            lines.append(line)
    return "\n".join(lines)


def to_bytes(calendar: Calendar) -> bytes:
    """The calendar as bytes, with a VTIMEZONE covering its events' years (with a year to
    spare each side) rather than icalendar's default 1970–2038: every emailed invitation
    is built for its recipient, and the full zone was most of its size and build time."""
    moments = [
        moment
        for event in calendar.walk("VEVENT")
        for moment in (event.decoded("dtstart"), event.decoded("dtend"))
    ]
    if moments:
        calendar.add_missing_timezones(
            first_date=dt.date(min(moments).year - 1, 1, 1),
            last_date=dt.date(max(moments).year + 2, 1, 1),
        )
    return calendar.to_ical()


def session_calendar(session: Session, *, url: str) -> bytes:
    calendar = calendar_named(session.title)
    calendar.add("method", "PUBLISH")
    calendar.add_component(session_event(session, url=url))
    return to_bytes(calendar)


def programme_calendar(programme, sessions, *, url_for) -> bytes:
    """Every session of a programme, cancelled ones marked so, for anyone to subscribe to
    (the same UIDs as the personal feed, so a program that has both shows one event)."""
    calendar = calendar_named(programme.name)
    for session in sessions:
        calendar.add_component(session_event(session, url=url_for(session)))
    return to_bytes(calendar)


REQUEST = "REQUEST"
CANCEL = "CANCEL"


def _address(email: str, name: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["cn"] = name
    address.params.update(params)
    return address


def invitation(
    sessions: Iterable[Session],
    *,
    method: str,
    url_for: Callable[[Session], str],
    attendee_email: str,
    attendee_name: str = "",
) -> bytes:
    """An emailed calendar file: METHOD:REQUEST (add or update these events) or
    METHOD:CANCEL (remove them, each STATUS:CANCELLED), one VEVENT per session.

    The UIDs and SEQUENCE are the feeds' (session_event). ORGANIZER is the portal's
    sender address and ATTENDEE the person, as RFC 5546 asks of both methods; the
    person need not answer (RSVP=FALSE), the seat is theirs already.
    """
    organizer_name, organizer_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    calendar = calendar_named(_("Familiestøtte – my registrations"))
    calendar.add("method", method)
    for session in sessions:
        status = "CANCELLED" if method == CANCEL else None
        event = session_event(session, url=url_for(session), status=status)
        event.add("organizer", _address(organizer_email, organizer_name or "Familiestøtte"))
        event.add(
            "attendee",
            _address(
                attendee_email,
                attendee_name,
                role="REQ-PARTICIPANT",
                partstat="DECLINED" if method == CANCEL else "ACCEPTED",
                rsvp="FALSE",
            ),
        )
        calendar.add_component(event)
    return to_bytes(calendar)
