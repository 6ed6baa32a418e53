"""The local work a resource group drives: routines, offers for relatives, their status
history and the partners the unit collaborates with."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants.models import Enrolment
from programme.models import Goal


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
