"""Reading the audit log: the rows a page lists, newest first, with what each row shows
(the actor and their profile, the person, the object type) in the same query."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from auditlog import get_logentry_model
from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils import timezone

from .registrations import REGISTERED

if TYPE_CHECKING:
    from .models import Entry

# The types of object a row can be about: the registered models and those audit.record
# names (accounts, profiles, programmes).
RECORDED_TYPES = ["auth.user", "participants.participant", "programme.programme"]


@dataclass(frozen=True)
class Filters:
    person: str = ""  # part of a name or email, of the actor or the person concerned
    organisation_id: int | None = None
    content_type_id: int | None = None
    event: str = ""
    since: dt.date | None = None  # Oslo days, both included
    until: dt.date | None = None


def entries() -> QuerySet[Entry]:
    entry_model: type[Entry] = get_logentry_model()
    return entry_model.objects.select_related(
        "actor__participant", "person__participant", "content_type"
    ).order_by("-timestamp", "-pk")


def for_organisation(organisation_id: int) -> QuerySet[Entry]:
    return entries().filter(organisation_id=organisation_id)


def filtered(filters: Filters) -> QuerySet[Entry]:
    rows = entries()
    if filters.person:
        text = filters.person.strip()
        rows = rows.filter(
            Q(actor_email__icontains=text)
            | Q(actor__email__icontains=text)
            | Q(actor__participant__full_name__icontains=text)
            | Q(person__email__icontains=text)
            | Q(person__participant__full_name__icontains=text)
        )
    if filters.organisation_id is not None:
        rows = rows.filter(organisation_id=filters.organisation_id)
    if filters.content_type_id is not None:
        rows = rows.filter(content_type_id=filters.content_type_id)
    if filters.event:
        rows = rows.filter(event=filters.event)
    if filters.since is not None:
        rows = rows.filter(timestamp__gte=_start_of(filters.since))
    if filters.until is not None:
        rows = rows.filter(timestamp__lt=_start_of(filters.until + dt.timedelta(days=1)))
    return rows


def object_types() -> list[tuple[int, str]]:
    """(content type id, plural name) of every type a row can be about, by name. One
    query the first time in a process, then none (ContentType's cache)."""
    content_type_model: Any = apps.get_model("contenttypes", "ContentType")
    models = [apps.get_model(label) for label in [*REGISTERED, *RECORDED_TYPES]]
    types = content_type_model.objects.get_for_models(*models)
    return sorted(
        ((ct.pk, str(model._meta.verbose_name_plural).capitalize()) for model, ct in types.items()),
        key=lambda pair: pair[1],
    )


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
