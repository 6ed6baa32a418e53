"""The .ics attached to a confirmation: one VEVENT for the session.

Kept small on purpose; when the registration work brings its own calendar code
(the personal calendar feed), this should call that instead of building its own.
"""

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event


def session_ics(session) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Familiestøtte//portal//NO")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"session-{session.pk}@familiestotte")
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    event.add("summary", session.title)
    url = settings.SITE_URL + session.get_absolute_url()
    event.add("url", url)
    if session.venue_id:
        event.add("location", session.venue.full_address)
    elif session.online_url:
        event.add("location", session.online_url)
    description = [session.description, session.online_url, url]
    event.add("description", "\n\n".join(part for part in description if part))
    if session.is_cancelled:
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    return calendar.to_ical()
