"""The leaders' progress reports before each leader gathering, and when they are due."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants.models import Enrolment
from programme.models import Goal, Session

# A progress report is due at the end of the day this many days before its leader
# gathering (Europe/Oslo). Derived, not stored: if a gathering moves, so does the
# deadline. Override with RESOURCEGROUPS_REPORT_DUE_DAYS in settings.
DEFAULT_REPORT_DUE_DAYS = 14


def report_due_days() -> int:
    return int(getattr(settings, "RESOURCEGROUPS_REPORT_DUE_DAYS", DEFAULT_REPORT_DUE_DAYS))


def report_due_at(gathering: Session) -> dt.datetime:
    """23.59.59 Norwegian time on the day `report_due_days()` before the gathering starts."""
    local_start = timezone.localtime(gathering.starts_at)
    due_day = local_start.date() - dt.timedelta(days=report_due_days())
    return dt.datetime.combine(due_day, dt.time(23, 59, 59), tzinfo=timezone.get_current_timezone())


class ProgressReport(models.Model):
    """A leader's report before a leader gathering: a draft until submitted, then read-only."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="progress_reports",
        verbose_name=_("enrolment"),
    )
    gathering = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="progress_reports",
        limit_choices_to={"kind": Session.Kind.LEADER_GATHERING},
        verbose_name=_("leader gathering"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    done_since_last = models.TextField(_("done since the last report"), max_length=4000, blank=True)
    next_steps = models.TextField(_("what comes next"), max_length=4000, blank=True)
    help_needed = models.TextField(_("help needed"), max_length=4000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )

    class Meta:
        ordering = ["gathering__starts_at", "enrolment__organisation__name"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "gathering"], name="one_report_per_gathering"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="submitted_report_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.enrolment.organisation} – {self.gathering.title}"

    def get_absolute_url(self):
        return reverse(
            "resourcegroups:report",
            kwargs={"enrolment": self.enrolment_id, "gathering": self.gathering_id},
        )

    def clean(self):
        if self.gathering_id and self.gathering.kind != Session.Kind.LEADER_GATHERING:
            raise ValidationError({"gathering": _("Reports are written for leader gatherings.")})
        if (
            self.gathering_id
            and self.enrolment_id
            and self.gathering.programme_id != self.enrolment.programme_id
        ):
            raise ValidationError(
                {"gathering": _("The gathering must belong to the enrolment's programme.")}
            )

    @property
    def is_submitted(self):
        return self.status == self.Status.SUBMITTED

    @property
    def due_at(self):
        return report_due_at(self.gathering)

    @property
    def is_late(self):
        """Submitted after the due time, or still not submitted once it has passed."""
        if self.submitted_at is not None:
            return self.submitted_at > self.due_at
        return timezone.now() > self.due_at


class GoalAssessment(models.Model):
    """Where the organisation stands on one of the programme's goals, in one report."""

    class Progress(models.IntegerChoices):
        NOT_STARTED = 0, _("Not started")
        STARTED = 1, _("Started")
        UNDER_WAY = 2, _("Well under way")
        REACHED = 3, _("Reached")

    report = models.ForeignKey(
        ProgressReport,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("progress report"),
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="+", verbose_name=_("goal")
    )
    progress = models.PositiveSmallIntegerField(
        _("where we stand"), choices=Progress.choices, default=Progress.NOT_STARTED
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        ordering = ["goal__number"]
        verbose_name = _("goal assessment")
        verbose_name_plural = _("goal assessments")
        constraints = [
            models.UniqueConstraint(fields=["report", "goal"], name="one_assessment_per_goal")
        ]

    def __str__(self):
        return f"{self.goal}: {self.get_progress_display()}"
