"""iCalendar files: one per session and one of a programme's sessions. The personal feed of
a person's registrations (registrations.calendar) is built from the same events.

Times are written in Europe/Oslo with a VTIMEZONE, so calendar programs show the
Norwegian time whatever their own zone. Each session has one stable UID, so a
program that subscribes to the feed updates an event instead of duplicating it.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

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
    calendar.add_missing_timezones()
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
