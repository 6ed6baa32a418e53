"""The audit log's one table: django-auditlog's LogEntry with what the portal adds.

auditlog writes a row for every save and delete of a registered model
(audit.registrations), with the fields' values before and after in `changes`;
audit.record writes the events that are not model saves (log-ins, messages,
confirmations, deletions). Each row says who (`actor`, and `actor_email` as it was),
what (`event`, the object's type, id and text, `changes`, `additional_data`), when
(`timestamp`), from where (`remote_addr`, the client as allauth's adapter finds it
behind the proxy), about whom (`person`) and in which organisation (`organisation_id`).

Rows are appended, never changed: the queryset and the instance refuse update and
delete, and on PostgreSQL a trigger refuses them too (migration 0002). The one
exception is audit.shred_person, which removes a deleted person from their rows.

The organisation is an id, not a foreign key: audit sits below participants on the
floor plan, so that participants can record into it, and a row outlives its
organisation.
"""

from __future__ import annotations

from typing import Any, ClassVar

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import context, organisations


class AppendOnly(Exception):
    """An audit row was to be changed or deleted outside audit.shred_person."""


class EntryQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnly("audit entries are never updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("audit entries are never deleted")

    def shred_update(self, **kwargs: Any) -> int:
        """The one update there is: audit.shredding's, within its guard."""
        return super().update(**kwargs)


class EntryManager(LogEntryManager.from_queryset(EntryQuerySet)):  # type: ignore[misc]
    """auditlog's manager, with the organisation, the event and the request's actor and
    client address filled in for every row auditlog writes."""

    def log_create(self, instance, force_log: bool = False, **kwargs):
        kwargs.setdefault("organisation_id", organisations.organisation_of(instance))
        kwargs.setdefault("event", Entry.Event.for_action(kwargs.get("action")))
        context.fill(kwargs)
        return super().log_create(instance, force_log=force_log, **kwargs)

    def log_m2m_changes(self, changed_queryset, instance, operation, field_name, **kwargs):
        kwargs.setdefault("organisation_id", organisations.organisation_of(instance))
        kwargs.setdefault("event", Entry.Event.CHANGED)
        context.fill(kwargs)
        return super().log_m2m_changes(changed_queryset, instance, operation, field_name, **kwargs)


class Entry(AbstractLogEntry):
    class Event(models.TextChoices):
        CREATED = "created", pgettext_lazy("audit event", "Created")
        CHANGED = "changed", pgettext_lazy("audit event", "Changed")
        DELETED = "deleted", pgettext_lazy("audit event", "Deleted")
        LOGGED_IN = "logged_in", _("Logged in")
        LOGIN_FAILED = "login_failed", _("Failed log-in")
        LOCKED_OUT = "locked_out", _("Log-in refused: too many attempts")
        LEADER_CONFIRMED = "leader_confirmed", _("Leader confirmed")
        LEADER_TURNED_DOWN = "leader_turned_down", _("Leader role turned down")
        MEMBERSHIP_CONFIRMED = "membership_confirmed", _("Confirmed as staff")
        MESSAGE_SENT = "message_sent", _("Message sent")
        ACCOUNT_DELETED = "account_deleted", _("Account deleted")
        DATA_CLEARED = "data_cleared", _("Data cleared (retention)")

        @classmethod
        def for_action(cls, action: int | None) -> Entry.Event:
            return {
                AbstractLogEntry.Action.CREATE: cls.CREATED,
                AbstractLogEntry.Action.DELETE: cls.DELETED,
            }.get(action, cls.CHANGED)

    # Events that are not model saves may concern no object and no auditlog action. (The
    # annotations are for mypy: auditlog ships no types, so its base model is Any there.)
    content_type: models.ForeignKey[Any, Any] = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("object type"),
    )
    object_pk: models.CharField[str, str] = models.CharField(
        pgettext_lazy("audit", "object id"), max_length=255, blank=True, db_index=True
    )
    action: models.PositiveSmallIntegerField[Any, Any] = models.PositiveSmallIntegerField(
        _("model action"), choices=AbstractLogEntry.Action.choices, null=True, blank=True
    )
    event: models.CharField[str, str] = models.CharField(
        pgettext_lazy("audit", "event"), max_length=30, choices=Event.choices, db_index=True
    )
    organisation_id: models.BigIntegerField[Any, Any] = models.BigIntegerField(
        pgettext_lazy("audit", "organisation"), null=True, blank=True, db_index=True
    )
    # Whom the row is about (who logged in, who was confirmed). No constraint and no
    # cascade: the row stays when the user goes, and shredding clears the id.
    person: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about"),
    )

    objects: ClassVar[EntryManager] = EntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["organisation_id", "-timestamp"], name="audit_org_time")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnly("audit entries are never updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("audit entries are never deleted")
