"""What a row shows: who did it, and each changed value before and after, labelled as
the model's field is (or, for an event, as audit.record was told)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

# Labels of the values audit.record stores for events.
EVENT_LABELS = {
    "leader_confirmed": gettext_lazy("leader confirmed"),
    "role": gettext_lazy("role"),
    "membership_confirmed_at": gettext_lazy("confirmed as staff"),
    "subject": gettext_lazy("subject"),
}
TEXT_LIMIT = 300
ANONYMOUS_EVENTS = {"login_failed", "locked_out"}


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def actor_name(entry: Any) -> str:
    """The actor's name from their profile, else the email they had; the portal itself
    for a job; the placeholder once the person is deleted."""
    if entry.actor_id is None:
        if entry.actor_email:  # the placeholder, once shredded
            return entry.actor_email
        if entry.event in ANONYMOUS_EVENTS:
            return _("Not signed in")
        return _("The portal")
    participant = getattr(entry.actor, "participant", None)
    return participant.full_name if participant is not None else entry.actor.email


def object_type(entry: Any) -> str:
    model = entry.content_type.model_class() if entry.content_type_id else None
    return str(model._meta.verbose_name) if model is not None else ""


def changes(entry: Any) -> list[Change]:
    model = entry.content_type.model_class() if entry.content_type_id else None
    result = []
    for name, values in (entry.changes or {}).items():
        if isinstance(values, dict):  # a many-to-many change
            before, after = "", ", ".join(str(v) for v in values.get("objects", []))
        else:
            before, after = (values + [None, None])[:2]
        result.append(Change(_label(model, name), _text(before), _text(after)))
    return result


def _label(model: Any, name: str) -> str:
    if name in EVENT_LABELS:
        return str(EVENT_LABELS[name])
    if model is not None:
        try:
            return str(getattr(model._meta.get_field(name), "verbose_name", name))
        except FieldDoesNotExist:
            pass
    return name


def _text(value: Any) -> str:
    if value is None or value == "None" or value == "":
        return "–"
    if value is True or value == "True":
        return pgettext("audit value", "yes")
    if value is False or value == "False":
        return pgettext("audit value", "no")
    text = str(value)
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"
