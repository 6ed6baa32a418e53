"""The email outbox: every email is a row first, then sent exactly once by a Celery task.

A row is created in the same transaction as the change it reports, so a rolled-back
change leaves nothing to send. Its `key` is unique: the same email (e.g. the 7-day
reminder for one registration, `reminder:7:<registration id>`) can never be recorded
twice, however many sweeps run at once. A send task claims a row with a conditional
UPDATE (queued/retrying -> sending), so two tasks holding the same id send it once.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Email(models.Model):
    """One email to one person, from the moment it is decided until it is delivered."""

    class Kind(models.TextChoices):
        CONFIRMED = "confirmed", _("Registration confirmed")
        WAITLISTED = "waitlisted", _("Put on the waiting list")
        PROMOTED = "promoted", _("Promoted from the waiting list")
        CANCELLED = "cancelled", _("Cancellation receipt")
        SERIES = "series", _("Registered for all training days")
        REMINDER = "reminder", _("Reminder before a session")
        SESSION_CHANGED = "session_changed", _("Session changed")
        SESSION_CANCELLED = "session_cancelled", _("Session cancelled")
        LEADER_DIGEST = "leader_digest", _("Weekly leader digest")
        PROGRESS_REPORT_DUE = "progress_report_due", _("Progress report due")
        MESSAGE = "message", _("Message from a coordinator")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Waiting to retry")
        FAILED = "failed", _("Failed")
        # After a database restore: the row was unsent when the backup was taken, and may
        # have been sent since. A person releases it (the admin) or leaves it.
        HELD = "held", _("Held after a restore")

    key = models.CharField(
        _("key"),
        max_length=200,
        unique=True,
        help_text=_("Names the email uniquely, e.g. reminder:7:<registration>; never sent twice."),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recipient"),
    )
    to_email = models.EmailField(_("email address"))
    registration = models.ForeignKey(
        "participants.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="emails",
        verbose_name=_("registration"),
    )
    session = models.ForeignKey(
        "programme.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="emails",
        verbose_name=_("session"),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    concerns = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(
        _("details"),
        default=dict,
        blank=True,
        help_text=_("What the email needs beyond its objects, e.g. the waiting-list place."),
    )
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body_text = models.TextField(_("plain text"), blank=True)
    body_html = models.TextField(_("HTML"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    dispatched_at = models.DateTimeField(_("handed to a worker at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sending_started_at = models.DateTimeField(_("sending started at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # When privacy.retention emptied the subject, the bodies and the details (the
    # attachments are made from them when sending): the row keeps its key, kind, status
    # and times, so the email is never made again.
    purged_at = models.DateTimeField(_("content deleted at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        indexes = [
            models.Index(fields=["status", "dispatched_at"], name="email_status_dispatched"),
            models.Index(fields=["kind", "status"], name="email_kind_status"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.to_email} ({self.get_status_display()})"
