"""Resource groups and the local work they drive: routines, offers for relatives,
collaboration partners and the leaders' progress reports before each leader gathering.

Nothing here may hold information about patients or relatives: meeting notes are
short decisions, and the forms and pages say so.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants.models import Enrolment, Participant
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


class ResourceGroup(models.Model):
    """The leader and service workers who develop routines and offers at one workplace."""

    enrolment = models.OneToOneField(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="resource_group",
        verbose_name=_("enrolment"),
    )
    contact_person = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    members = models.ManyToManyField(
        Participant,
        through="Membership",
        related_name="resource_groups",
        verbose_name=_("members"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["enrolment__organisation__name"]
        verbose_name = _("resource group")
        verbose_name_plural = _("resource groups")

    def __str__(self):
        return str(self.enrolment)

    def get_absolute_url(self):
        return reverse("resourcegroups:group", kwargs={"enrolment": self.enrolment_id})

    def clean(self):
        if self.contact_person_id and self.enrolment_id:
            contact = self.contact_person
            if contact.organisation_id != self.enrolment.organisation_id:
                raise ValidationError(
                    {"contact_person": _("The contact person must work in the organisation.")}
                )


class Membership(models.Model):
    group = models.ForeignKey(
        ResourceGroup,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("resource group"),
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="resource_group_memberships",
        verbose_name=_("participant"),
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["participant__full_name"]
        verbose_name = _("resource group member")
        verbose_name_plural = _("resource group members")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "participant"], name="unique_resource_group_member"
            )
        ]

    def __str__(self):
        return str(self.participant)

    def clean(self):
        if (
            self.group_id
            and self.participant_id
            and self.participant.organisation_id != self.group.enrolment.organisation_id
        ):
            raise ValidationError(
                {"participant": _("Only staff of the organisation can be members.")}
            )


class Meeting(models.Model):
    """When the resource group met and what it decided. Never about patients or relatives."""

    group = models.ForeignKey(
        ResourceGroup,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("resource group"),
    )
    met_on = models.DateField(_("date"))
    notes = models.TextField(
        _("decisions and notes"),
        max_length=2000,
        help_text=_("Short decisions only. Never write anything about patients or relatives."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-met_on", "-pk"]
        verbose_name = _("resource group meeting")
        verbose_name_plural = _("resource group meetings")

    def __str__(self):
        return f"{self.group} ({self.met_on:%Y-%m-%d})"


class WorkStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    ESTABLISHED = "established", _("Established")
    ENDED = "ended", _("Ended")


class LocalWork(models.Model):
    """What Routine and Offer share: an enrolment's item of work, its goals and status.

    Each subclass declares `enrolment` and `goals` with its own related names.
    """

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=WorkStatus.choices, default=WorkStatus.IDEA
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title


class Routine(LocalWork):
    """A routine for family support, e.g. a first conversation with relatives."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="routines", verbose_name=_("enrolment")
    )
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="routines", verbose_name=_("goals")
    )

    class Meta(LocalWork.Meta):
        verbose_name = _("routine")
        verbose_name_plural = _("routines")

    def get_absolute_url(self):
        return reverse(
            "resourcegroups:routine", kwargs={"enrolment": self.enrolment_id, "pk": self.pk}
        )


class Offer(LocalWork):
    """A local offer for relatives (pårørendetilbud), of a kind the leaflet names."""

    class Kind(models.TextChoices):
        LEARNING_AND_COPING = "learning_coping", _("Learning and coping group for relatives")
        STRESS_COPING = "stress_coping", _("Stress-coping-social support model")
        PSYCHOEDUCATIONAL = "psychoeducational", _("Psychoeducational family collaboration")
        LOW_THRESHOLD = "low_threshold", _("Low-threshold offer (Møteplass, self-help group)")
        OTHER = "other", _("Other offer")

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="offers", verbose_name=_("enrolment")
    )
    goals = models.ManyToManyField(Goal, blank=True, related_name="offers", verbose_name=_("goals"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta(LocalWork.Meta):
        verbose_name = _("offer for relatives")
        verbose_name_plural = _("offers for relatives")

    def get_absolute_url(self):
        return reverse(
            "resourcegroups:offer", kwargs={"enrolment": self.enrolment_id, "pk": self.pk}
        )


class StatusChange(models.Model):
    """Every status a routine or an offer has had: from what, to what, when and by whom."""

    routine = models.ForeignKey(
        Routine,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="status_changes",
        verbose_name=_("routine"),
    )
    offer = models.ForeignKey(
        Offer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="status_changes",
        verbose_name=_("offer"),
    )
    from_status = models.CharField(
        _("from status"), max_length=20, choices=WorkStatus.choices, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=WorkStatus.choices)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(routine__isnull=False, offer__isnull=True)
                    | Q(routine__isnull=True, offer__isnull=False)
                ),
                name="status_change_for_routine_or_offer",
            )
        ]
        indexes = [models.Index(fields=["changed_at"])]

    def __str__(self):
        return f"{self.item}: {self.from_status or '–'} → {self.to_status}"

    @property
    def item(self):
        return self.routine if self.routine_id else self.offer


class Partner(models.Model):
    """A collaboration partner: a voluntary or user organisation, or another service level."""

    class Kind(models.TextChoices):
        VOLUNTARY = "voluntary", _("Voluntary organisation")
        USER_ORGANISATION = "user_organisation", _("User or relatives' organisation")
        SERVICE_LEVEL = "service_level", _("Other service level")
        OTHER = "other", _("Other")

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="partners", verbose_name=_("enrolment")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("what we do together"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("collaboration partner")
        verbose_name_plural = _("collaboration partners")

    def __str__(self):
        return self.name


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


class SupervisionGroup(models.Model):
    """A regional supervision group (veiledningsgruppe) for service workers."""

    programme = models.ForeignKey(
        "programme.Programme",
        on_delete=models.CASCADE,
        related_name="supervision_groups",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name"), max_length=200)
    region = models.CharField(_("region"), max_length=100)
    supervisor = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervised_groups",
        limit_choices_to={"role": Participant.Role.SUPERVISOR},
        verbose_name=_("supervisor"),
    )
    members = models.ManyToManyField(
        Participant, blank=True, related_name="supervision_groups", verbose_name=_("members")
    )
    meetings = models.ManyToManyField(
        "programme.Session",
        blank=True,
        related_name="supervision_groups",
        limit_choices_to={"kind": "supervision"},
        verbose_name=_("meetings"),
        help_text=_(
            "The group's supervision meetings. Only its members and its supervisor may "
            "register for them."
        ),
    )

    class Meta:
        ordering = ["programme", "region", "name"]
        verbose_name = _("supervision group")
        verbose_name_plural = _("supervision groups")

    def __str__(self):
        return f"{self.name} ({self.region})"

    def get_absolute_url(self):
        return reverse("resourcegroups:supervision_group", kwargs={"pk": self.pk})
