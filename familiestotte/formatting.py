"""Dates and times the way Norwegians write them: 23. november 2026 kl. 09.00, in
Europe/Oslo. Services use these for emails and messages; templates use them as
filters (familiestotte.templatetags.portal)."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


class Dated(Protocol):
    """Anything with a start and an end, such as a programme.models.Session."""

    starts_at: dt.datetime
    ends_at: dt.datetime


def day(value: dt.date | dt.datetime | None) -> str:
    """«23. november 2026» in Europe/Oslo."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
    return date_format(value, "j. F Y")


def clock(value: dt.datetime | None) -> str:
    """«09.00» in Europe/Oslo."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%H.%M")


def when(value: dt.datetime | None) -> str:
    """«23. november 2026 kl. 09.00» in Europe/Oslo."""
    if not value:
        return ""
    return _("%(day)s at %(time)s") % {"day": day(value), "time": clock(value)}


def weekday_day(value: dt.datetime | None) -> str:
    """«mandag 23. november 2026»."""
    if not value:
        return ""
    return date_format(timezone.localtime(value), "l j. F Y")


def spans_days(session: Dated) -> bool:
    """True for a session that ends on a later day than it starts (in Oslo)."""
    return timezone.localdate(session.starts_at) != timezone.localdate(session.ends_at)


def session_days(session: Dated) -> str:
    """«tirsdag 9. mars 2027», or «mandag 15. – tirsdag 16. november 2027» for a
    conference over several days (the month and year written once where they agree)."""
    if not spans_days(session):
        return weekday_day(session.starts_at)
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    if (start.year, start.month) == (end.year, end.month):
        first = date_format(start, "l j.")
    elif start.year == end.year:
        first = date_format(start, "l j. F")
    else:
        first = date_format(start, "l j. F Y")
    return f"{first} – {date_format(end, 'l j. F Y')}"


def session_hours(session: Dated) -> str:
    """«09.00–15.30», or «09.00 første dag – 16.00 siste dag» over several days."""
    if not spans_days(session):
        return f"{clock(session.starts_at)}–{clock(session.ends_at)}"
    return _("%(start)s on the first day – %(end)s on the last day") % {
        "start": clock(session.starts_at),
        "end": clock(session.ends_at),
    }
