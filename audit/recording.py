"""audit.record: one row for an event that is not a model save (auditlog writes those),
such as a log-in, a message sent, a confirmation or an account deleted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from auditlog import get_logentry_model
from django.apps import apps
from django.http import HttpRequest

from . import context

if TYPE_CHECKING:
    from .models import Entry


def record(
    action: str,
    *,
    actor: Any,
    obj: Any = None,
    organisation: Any = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    request: HttpRequest | None = None,
    person: Any = None,
    remote_addr: str | None = None,
    **details: Any,
) -> Entry:
    """Append a row for `action` (one of Entry.Event) in the caller's transaction.

    `actor` is who did it; None takes the signed-in user of the current request (and
    for a job, the portal itself). `obj` is what it was done to, `person` the user it
    concerns, `organisation` an Organisation or its id (then the organisation's leaders
    read the row). `before` and `after` are the values that changed, stored as
    auditlog stores a model's: {"field": [before, after]}. Anything else goes to the
    row's additional data. The client address comes from `request` or the current one,
    or `remote_addr` for work a request handed to a worker (no request there).
    """
    entry_model: type[Entry] = get_logentry_model()
    event = entry_model.Event(action)  # ValueError for an event the log does not know
    fields: dict[str, Any] = {
        "event": event,
        "actor": actor if actor is not None and actor.is_authenticated else None,
        "organisation_id": getattr(organisation, "pk", organisation),
        "person": person,
        "changes": _changes(before or {}, after or {}) or None,
        "additional_data": {key: _plain(value) for key, value in details.items()} or None,
        "object_repr": "",
    }
    if obj is not None:
        content_type_model = apps.get_model("contenttypes", "ContentType")
        fields["content_type"] = content_type_model.objects.get_for_model(obj)
        fields["object_pk"] = str(obj.pk)
        fields["object_id"] = obj.pk if isinstance(obj.pk, int) else None
        fields["object_repr"] = str(obj)
    if remote_addr is not None:
        fields["remote_addr"] = remote_addr
    context.fill(fields, request)
    return entry_model.objects.create(**fields)


def _changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    keys = list(dict.fromkeys([*before, *after]))
    return {key: [_plain(before.get(key)), _plain(after.get(key))] for key in keys}


def _plain(value: Any) -> Any:
    """A value JSON can hold: datetimes as ISO 8601, other objects as their text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)
