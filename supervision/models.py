"""The supervisor's short note from one meeting of a supervision group. Read by the
group's supervisor and coordinators only, never by its members; never about patients or
relatives (the form says so)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.models import Session
from resourcegroups.models import SupervisionGroup

NOTE_MAX_LENGTH = 2000


class MeetingNote(models.Model):
    group = models.ForeignKey(
        SupervisionGroup,
        on_delete=models.CASCADE,
        related_name="meeting_notes",
        verbose_name=_("supervision group"),
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="+", verbose_name=_("meeting")
    )
    text = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        ordering = ["session__starts_at", "pk"]
        verbose_name = _("meeting note")
        verbose_name_plural = _("meeting notes")
        constraints = [
            models.UniqueConstraint(fields=["group", "session"], name="one_note_per_meeting")
        ]

    def __str__(self):
        return f"{self.group}: {self.session}"
