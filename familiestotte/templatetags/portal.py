"""Formatting the way Norwegians write it: 23. november 2026 kl. 09.00."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def day(value):
    """«23. november 2026» in Europe/Oslo."""
    if not value:
        return ""
    return date_format(timezone.localtime(value) if hasattr(value, "hour") else value, "j. F Y")


@register.filter
def clock(value):
    """«09.00» in Europe/Oslo."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%H.%M")


@register.filter
def when(value):
    """«23. november 2026 kl. 09.00» in Europe/Oslo."""
    if not value:
        return ""
    return _("%(day)s at %(time)s") % {"day": day(value), "time": clock(value)}


@register.filter
def weekday_day(value):
    """«mandag 23. november 2026»."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return date_format(local, "l j. F Y")


def spans_days(session) -> bool:
    """True for a session that ends on a later day than it starts (in Oslo)."""
    return timezone.localdate(session.starts_at) != timezone.localdate(session.ends_at)


@register.filter
def session_days(session):
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


@register.filter
def session_hours(session):
    """«09.00–15.30», or «09.00 første dag – 16.00 siste dag» over several days."""
    if not spans_days(session):
        return f"{clock(session.starts_at)}–{clock(session.ends_at)}"
    return _("%(start)s on the first day – %(end)s on the last day") % {
        "start": clock(session.starts_at),
        "end": clock(session.ends_at),
    }


@register.filter
def has_required_fields(form) -> bool:
    """True when a visible field of the form must be filled in (for the «*» note)."""
    return any(field.field.required for field in form.visible_fields())
