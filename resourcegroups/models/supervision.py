"""Regional supervision groups for service workers (pages and attendance live in
`supervision/`; the model stays here with its migrations)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from participants.models import Participant


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

    # Set by supervision.selectors.supervision_group_page, never stored: whether the
    # person reading the group's page takes attendance at its meetings.
    takes_attendance: bool
    # Set by the same selector for the supervisor and coordinators: the meeting notes
    # (supervision.models.MeetingNote) and the ids of the meetings that have one.
    notes: list
    noted_sessions: set[int]

    class Meta:
        ordering = ["programme", "region", "name"]
        verbose_name = _("supervision group")
        verbose_name_plural = _("supervision groups")

    def __str__(self):
        return f"{self.name} ({self.region})"

    def get_absolute_url(self):
        return reverse("supervision:group", kwargs={"pk": self.pk})
