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


@register.filter
def has_required_fields(form) -> bool:
    """True when a visible field of the form must be filled in (for the «*» note)."""
    return any(field.field.required for field in form.visible_fields())
