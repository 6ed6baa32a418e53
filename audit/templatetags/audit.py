from typing import Any

from django import template

from .. import display

register = template.Library()


@register.filter
def audit_actor(entry: Any) -> str:
    return display.actor_name(entry)


@register.filter
def audit_changes(entry: Any) -> list[display.Change]:
    return display.changes(entry)


@register.filter
def audit_type(entry: Any) -> str:
    return display.object_type(entry)
