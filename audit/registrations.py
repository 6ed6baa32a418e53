"""The models whose every save and delete auditlog writes down (with the values before
and after), registered by label when the apps are ready: audit sits below the apps
that own them and imports none of them. Which organisation each row belongs to is in
audit.organisations.

Not registered: what keeps its own history already (a routine's or offer's
StatusChange, a registration's RegistrationEvent) and what people write about
themselves (their profile). Confirmations, messages, log-ins and deletions are
events, written by audit.record where they happen.
"""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.apps import apps

# label -> auditlog.register options. Timestamps that change on every save are left out.
REGISTERED: dict[str, dict[str, Any]] = {
    # Capacity, times and the rest of a session, changed in the workspace or the admin.
    "programme.session": {},
    # Contact person; members through Membership rows (added, removed).
    "resourcegroups.resourcegroup": {"exclude_fields": ["created_at"]},
    "resourcegroups.membership": {"exclude_fields": ["added_at"]},
    "resourcegroups.meeting": {"exclude_fields": ["recorded_at"]},
    "resourcegroups.routine": {"exclude_fields": ["created_at"]},
    "resourcegroups.offer": {"exclude_fields": ["created_at"]},
    "resourcegroups.partner": {"exclude_fields": ["created_at"]},
    # Written, submitted and reopened (status back to draft).
    "resourcegroups.progressreport": {"exclude_fields": ["updated_at"]},
}


def register_models() -> None:
    for label, options in REGISTERED.items():
        model = apps.get_model(label)
        if not auditlog.contains(model):
            auditlog.register(model, **options)


def registered_models() -> list[Any]:
    return [apps.get_model(label) for label in REGISTERED]
