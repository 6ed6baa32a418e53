"""A programme's implementation plan (phases of dated milestones, each serving one of
the programme's goals) and where each participating unit stands on it.

After the Stages of Implementation Completion: dated steps across the phases, from
which the time each phase took and the share of steps done follow. Nothing here may
hold information about patients or relatives: notes are short and the form says so.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants.models import Enrolment, Participant
from programme.models import Goal, Programme


class Phase(models.Model):
    """One phase of the plan, e.g. «Forankring», «Gjennomføring», «Videreføring»."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="implementation_phases",
        verbose_name=_("programme"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        ordering = ["programme", "order"]
        verbose_name = _("implementation phase")
        verbose_name_plural = _("implementation phases")
        constraints = [
            models.UniqueConstraint(fields=["programme", "order"], name="unique_phase_order")
        ]

    def __str__(self):
        return f"{self.programme}: {self.name}"


class Evidence(models.TextChoices):
    """What in the unit's own data shows that a milestone may be reached. The page
    proposes the milestone; the leader confirms it."""

    COMMITMENT = "commitment", _("The unit has confirmed that time is set aside")
    STAFF_REGISTERED = "staff_registered", _("Staff are registered for a training day")
    GROUP_ESTABLISHED = "group_established", _("The resource group has members and has met")
    ROUTINE_ESTABLISHED = "routine_established", _("A routine has the status established")
    OFFER_STARTED = "offer_started", _("An offer for relatives is in progress or established")
    PARTNER_NAMED = "partner_named", _("A voluntary or user organisation is named as partner")


class Milestone(models.Model):
    """One dated step of the plan, serving one of the programme's goals."""

    phase = models.ForeignKey(
        Phase, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("phase")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    description = models.CharField(_("description"), max_length=500, blank=True)
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, related_name="milestones", verbose_name=_("goal")
    )
    due_days = models.PositiveSmallIntegerField(
        _("due (days after the programme starts)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a milestone without a due date."),
    )
    evidence = models.CharField(
        _("proposed from"),
        max_length=30,
        choices=Evidence.choices,
        blank=True,
        help_text=_("What in the unit's data proposes the milestone as reached (optional)."),
    )

    class Meta:
        ordering = ["phase__order", "order"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(fields=["phase", "order"], name="unique_milestone_order")
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.phase_id and self.goal_id and self.goal.programme_id != self.phase.programme_id:
            raise ValidationError({"goal": _("The goal must belong to the phase's programme.")})

    def due_on(self, programme: Programme) -> dt.date | None:
        if self.due_days is None:
            return None
        return programme.starts_on + dt.timedelta(days=self.due_days)


class MilestoneStatus(models.TextChoices):
    OPEN = "open", _("Not reached")
    REACHED = "reached", _("Reached")
    NOT_RELEVANT = "not_relevant", _("Not relevant")


class MilestoneRecord(models.Model):
    """Where one unit stands on one milestone; every change is a MilestoneChange."""

    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="milestone_records",
        verbose_name=_("enrolment"),
    )
    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, related_name="records", verbose_name=_("milestone")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MilestoneStatus.choices, default=MilestoneStatus.OPEN
    )
    reached_on = models.DateField(_("reached on"), null=True, blank=True)
    note = models.CharField(_("note or reason"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        ordering = ["milestone__phase__order", "milestone__order"]
        verbose_name = _("milestone status")
        verbose_name_plural = _("milestone statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "milestone"], name="one_record_per_milestone"
            ),
            models.CheckConstraint(
                condition=Q(status="reached", reached_on__isnull=False)
                | (~Q(status="reached") & Q(reached_on__isnull=True)),
                name="reached_milestone_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.enrolment.organisation} – {self.milestone}: {self.get_status_display()}"


class MilestoneChange(models.Model):
    """Every status a unit's milestone has had: to what, with which date and note, when
    and by whom."""

    record = models.ForeignKey(
        MilestoneRecord,
        on_delete=models.CASCADE,
        related_name="changes",
        verbose_name=_("milestone status"),
    )
    from_status = models.CharField(
        _("from status"), max_length=20, choices=MilestoneStatus.choices, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=MilestoneStatus.choices)
    reached_on = models.DateField(_("reached on"), null=True, blank=True)
    note = models.CharField(_("note or reason"), max_length=300, blank=True)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("milestone change")
        verbose_name_plural = _("milestone changes")

    def __str__(self):
        return f"{self.record.milestone}: {self.from_status or '–'} → {self.to_status}"


class MilestoneKeeper(models.Model):
    """A resource-group member the leader has chosen to mark the unit's milestones."""

    enrolment = models.ForeignKey(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="milestone_keepers",
        verbose_name=_("enrolment"),
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("resource-group member"),
    )
    chosen_at = models.DateTimeField(_("chosen at"), default=timezone.now)

    class Meta:
        ordering = ["participant__full_name"]
        verbose_name = _("milestone keeper")
        verbose_name_plural = _("milestone keepers")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "participant"], name="unique_milestone_keeper"
            )
        ]

    def __str__(self):
        return str(self.participant)
