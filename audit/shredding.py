"""audit.shred_person: a deleted person's rows no longer name them.

The rows stay (what was done, when, to what, in which organisation), but the actor
and the person the row is about are cleared, the actor's email replaced by PLACEHOLDER
and the client address of what they did removed, and their name and email replaced by
PLACEHOLDER wherever a row's text holds them (the object's text, the values before and
after, the additional data).

Apps above audit tell it the names a user goes by (participants: the profile's full
name) with `add_name_source`, from their AppConfig.ready.

This is the only update the log allows: on PostgreSQL the append-only trigger lets it
through while `audit.shred` is on, which it is only inside this function's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from auditlog import get_logentry_model
from django.db import connection, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast

if TYPE_CHECKING:
    from .models import Entry

PLACEHOLDER = "[slettet person]"
NameSource = Callable[[Any], Iterable[str]]
_name_sources: list[NameSource] = []


def add_name_source(source: NameSource) -> NameSource:
    """Register a function that gives the names a user is shown by (usable as a decorator)."""
    _name_sources.append(source)
    return source


def names_of(user: Any) -> list[str]:
    """The names and addresses to remove, longest first. Kept on the user object the
    first time, so that a call after the profile is gone (post_delete) still has them."""
    if hasattr(user, "_audit_names"):
        return user._audit_names
    names = {user.email, user.get_full_name(), user.get_username()}
    for source in _name_sources:
        names.update(source(user))
    # Longest first, so a full name goes before a part of it; nothing too short to be a name.
    kept = {name.strip() for name in names if name and len(name.strip()) >= 3}
    user._audit_names = sorted(kept, key=len, reverse=True)
    return user._audit_names


def shred_person(user: Any) -> int:
    """Remove `user` from every row that names them; returns how many rows changed.
    Safe to call again, and before or after the user is deleted."""
    entry_model: type[Entry] = get_logentry_model()
    names = names_of(user)
    match = Q(actor_id=user.pk) | Q(person_id=user.pk)
    for name in names:
        match |= (
            Q(actor_email__iexact=name)
            | Q(object_repr__icontains=name)
            | Q(changes_search__icontains=name)
            | Q(details_search__icontains=name)
        )
    rows = (
        entry_model.objects.annotate(
            changes_search=Cast("changes", TextField()),
            details_search=Cast("additional_data", TextField()),
        )
        .filter(match)
        .order_by("pk")
    )
    with transaction.atomic():
        _allow_shredding(True)
        count = 0
        for row in rows.select_for_update(of=("self",)):
            update: dict[str, Any] = {
                "object_repr": _scrub(row.object_repr, names),
                "changes": _scrub(row.changes, names),
                "additional_data": _scrub(row.additional_data, names),
                "serialized_data": _scrub(row.serialized_data, names),
            }
            if row.actor_id == user.pk or (row.actor_email or "").lower() in _lower(names):
                update.update(
                    actor=None, actor_email=PLACEHOLDER, remote_addr=None, remote_port=None
                )
            if row.person_id == user.pk:
                update["person"] = None
                if row.actor_id is None:  # a failed log-in: the address was theirs
                    update.update(remote_addr=None, remote_port=None)
            count += entry_model.objects.filter(pk=row.pk).shred_update(**update)
        _allow_shredding(False)
    return count


def _lower(names: list[str]) -> set[str]:
    return {name.lower() for name in names}


def _scrub(value: Any, names: list[str]) -> Any:
    if isinstance(value, str):
        for name in names:
            value = _replace(value, name)
        return value
    if isinstance(value, list):
        return [_scrub(item, names) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, names) for key, item in value.items()}
    return value


def _replace(text: str, name: str) -> str:
    lowered, target = text.lower(), name.lower()
    start = lowered.find(target)
    while start != -1:
        text = text[:start] + PLACEHOLDER + text[start + len(name) :]
        lowered = text.lower()
        start = lowered.find(target, start + len(PLACEHOLDER))
    return text


def _allow_shredding(on: bool) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('audit.shred', %s, true)", ["on" if on else "off"])
