"""Which organisation a registered model's row belongs to, so that its leaders read it
on «Min enhet». Paths of attributes from the instance, by model label: audit imports
none of the apps above it and knows their models only by name (audit.registrations)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist

# model label -> attribute path to the organisation's id (None: programme-wide).
ORGANISATION_PATHS: dict[str, str | None] = {
    "programme.session": None,
    "resourcegroups.resourcegroup": "enrolment.organisation_id",
    "resourcegroups.membership": "group.enrolment.organisation_id",
    "resourcegroups.meeting": "group.enrolment.organisation_id",
    "resourcegroups.routine": "enrolment.organisation_id",
    "resourcegroups.offer": "enrolment.organisation_id",
    "resourcegroups.partner": "enrolment.organisation_id",
    "resourcegroups.progressreport": "enrolment.organisation_id",
}


def organisation_of(instance: Any) -> int | None:
    path = ORGANISATION_PATHS.get(instance._meta.label_lower)
    if not path:
        return None
    value = instance
    try:
        for name in path.split("."):
            value = getattr(value, name)
            if value is None:
                return None
    except ObjectDoesNotExist:  # deleted with its parent: the parent's row names it
        return None
    return int(value)
