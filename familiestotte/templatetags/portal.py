"""The portal's template filters: dates as Norwegians write them (familiestotte.formatting)
and a form helper."""

from django import forms, template

from familiestotte import formatting

register = template.Library()

for _filter in (
    formatting.day,
    formatting.clock,
    formatting.when,
    formatting.weekday_day,
    formatting.session_days,
    formatting.session_hours,
):
    register.filter(_filter.__name__, _filter)


@register.filter
def has_required_fields(form: forms.BaseForm) -> bool:
    """True when a visible field of the form must be filled in (for the «*» note)."""
    return any(field.field.required for field in form.visible_fields())
