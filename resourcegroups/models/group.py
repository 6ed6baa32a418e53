"""A workplace's resource group, its members and its meetings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from participants.models import Enrolment, Participant


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
    members: "models.ManyToManyField[Participant, Membership]" = models.ManyToManyField(
        Participant,
        through="Membership",
        related_name="resource_groups",
        verbose_name=_("members"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    # Set by selectors.enrolments.group_for_page, never stored: the members' participant
    # ids, which spare rules.is_group_member a query. Absent on other instances.
    member_ids: set[int]

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
            assert contact is not None  # its id is set
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
