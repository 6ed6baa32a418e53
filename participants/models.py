"""People and places that take part: organisations, profiles, enrolments, registrations."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from programme.models import Programme, Session

from .validators import validate_municipality_number, validate_organisation_number


class Organisation(models.Model):
    """A municipality (kommune) or a unit in the specialist health service."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        SPECIALIST_UNIT = "specialist_unit", _("Specialist health service unit")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    region = models.CharField(_("region"), max_length=100, blank=True)
    municipality_number = models.CharField(
        _("municipality number"),
        max_length=4,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_municipality_number],
    )
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_organisation_number],
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="municipality", municipality_number__isnull=False)
                    | Q(kind="specialist_unit", organisation_number__isnull=False)
                ),
                name="organisation_has_identifying_number",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == self.Kind.MUNICIPALITY and not self.municipality_number:
            raise ValidationError(
                {"municipality_number": _("A municipality needs its four-digit number.")}
            )
        if self.kind == self.Kind.SPECIALIST_UNIT and not self.organisation_number:
            raise ValidationError(
                {
                    "organisation_number": _(
                        "A specialist health unit needs its organisation number."
                    )
                }
            )


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class Participant(models.Model):
    """What the programme needs to know about a person who takes part. Nothing more."""

    class Role(models.TextChoices):
        SERVICE_WORKER = "service_worker", _("Service worker")
        LEADER = "leader", _("Leader")
        SUPERVISOR = "supervisor", _("Supervisor")
        COORDINATOR = "coordinator", _("Coordinator")
        # From outside the participating organisations: open events only, and no
        # organisation's pages (they have no organisation, only an employer's name).
        GUEST = "guest", pgettext_lazy("role", "Guest")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="participant",
        verbose_name=_("user"),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=30)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("organisation"),
    )
    employer_name = models.CharField(
        _("employer"),
        max_length=200,
        blank=True,
        help_text=_("For guests: where they work, when it is not a participating organisation."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    leader_confirmed = models.BooleanField(
        _("leader role confirmed"),
        default=False,
        help_text=_(
            "A coordinator confirms that this person leads the organisation before they "
            "see its staff."
        ),
    )
    membership_confirmed_at = models.DateTimeField(
        _("membership confirmed at"),
        null=True,
        blank=True,
        help_text=_(
            "When the organisation's leader or a coordinator confirmed that this person "
            "works there. Until then they see nothing of the organisation's pages."
        ),
    )
    membership_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("membership confirmed by"),
    )
    job_title = models.CharField(_("job title"), max_length=200)
    dietary_needs = models.CharField(
        _("dietary needs"),
        max_length=200,
        blank=True,
        help_text=_(
            "Only what the kitchen needs to know for the sessions. An allergy or coeliac "
            "disease is health information about you: write it only if you want the "
            "kitchen to know, and only as much as the kitchen needs. It is deleted 30 days "
            "after your last session."
        ),
    )
    dietary_needs_changed_at = models.DateTimeField(
        _("dietary needs changed at"),
        default=timezone.now,
        help_text=_("When the person last wrote their dietary needs; kept at least 30 days."),
    )
    calendar_token = models.CharField(
        _("calendar token"), max_length=64, unique=True, default=new_calendar_token
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Set on the stand-in that holds a deleted or anonymised person's registrations
    # (privacy.anonymisation): no name, no contact details, no way to sign in; it keeps
    # the organisation and role so that a programme's figures do not change.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=["coordinator", "supervisor"])
                | Q(organisation__isnull=False)
                | (Q(role="guest") & ~Q(employer_name="")),
                name="participant_needs_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(role="guest") | Q(organisation__isnull=True),
                name="guest_has_no_organisation",
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def email(self):
        return self.user.email

    @property
    def workplace(self) -> str:
        """The organisation's name, or the employer a guest named (select the organisation)."""
        return self.organisation.name if self.organisation else self.employer_name

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def is_coordinator(self):
        return self.role == self.Role.COORDINATOR

    @property
    def is_confirmed_leader(self):
        return self.role == self.Role.LEADER and self.leader_confirmed

    @property
    def is_confirmed_member(self) -> bool:
        """Confirmed to work in their organisation: by its leader or a coordinator, or
        as its leader (confirming the leader role confirms the membership too)."""
        return self.organisation_id is not None and (
            self.membership_confirmed_at is not None or self.is_confirmed_leader
        )

    def forget_confirmations(self) -> None:
        """A new organisation (or role) is self-declared again: the leader role and the
        membership wait for a new confirmation. Unsaved."""
        self.leader_confirmed = False
        self.membership_confirmed_at = None
        self.membership_confirmed_by = None

    def profile_is_complete(self) -> bool:
        """Name, phone, job title and, for staff of a municipality or unit, the
        organisation; for a guest, the employer."""
        needs_organisation = self.role in {self.Role.SERVICE_WORKER, self.Role.LEADER}
        needs_employer = self.role == self.Role.GUEST
        return bool(
            self.pk
            and self.full_name.strip()
            and self.phone.strip()
            and self.job_title.strip()
            and self.role
            and (self.organisation_id or not needs_organisation)
            and (self.employer_name.strip() or not needs_employer)
        )

    def renew_calendar_token(self) -> None:
        self.calendar_token = new_calendar_token()
        self.save(update_fields=["calendar_token"])


class Enrolment(models.Model):
    """An organisation's participation in a programme (deltakende enhet)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("programme")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("organisation"),
    )
    enrolled_on = models.DateField(_("enrolled on"))
    time_commitment_confirmed = models.BooleanField(
        _("time set aside"),
        default=False,
        help_text=_(
            "The organisation has committed to set time aside for training days, leader "
            "gatherings, resource group work and supervision."
        ),
    )
    contact_leader = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact leader"),
    )

    class Meta:
        ordering = ["programme", "organisation__name"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="unique_enrolment_per_programme"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.programme}"


class RegistrationQuerySet(models.QuerySet):
    def live(self) -> RegistrationQuerySet:
        """Registrations that hold a seat or a place on the waiting list (not cancelled)."""
        return self.filter(status__in=Registration.LIVE_STATUSES)


class Registration(models.Model):
    """A person's place at a session: confirmed, on the waiting list, or cancelled.

    The rules that create and change registrations are in registrations.services.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("registration status", "Registered")
        WAITLISTED = "waitlisted", pgettext_lazy("registration status", "On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("participant"),
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("session")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    waitlisted_at = models.DateTimeField(_("waitlisted at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    is_late_cancellation = models.BooleanField(_("late cancellation"), default=False)

    objects = RegistrationQuerySet.as_manager()

    # The place on the waiting list (1 = next in line), where a selector or
    # registrations.services.register has worked it out; None otherwise.
    queue_position: int | None = None

    LIVE_STATUSES = (Status.CONFIRMED, Status.WAITLISTED)

    class Meta:
        ordering = ["session", "created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "session"],
                condition=~Q(status="cancelled"),
                name="one_live_registration_per_session",
            )
        ]
        indexes = [models.Index(fields=["session", "status", "waitlisted_at"])]

    def __str__(self):
        return f"{self.participant} – {self.session.title} ({self.get_status_display()})"


class RegistrationEvent(models.Model):
    """Every change of a registration: who did it and when."""

    class Action(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("Put on the waiting list")
        PROMOTED = "promoted", _("Promoted from the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDANCE = "attendance", _("Attendance recorded")
        WALK_IN = "walk_in", _("Attended without a seat (added at the door)")

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("registration"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("from status"), max_length=20, blank=True)
    to_status = models.CharField(_("to status"), max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["registration", "created_at", "pk"]
        verbose_name = _("registration event")
        verbose_name_plural = _("registration events")

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"

    @classmethod
    def of_change(
        cls, registration: Registration, *, action: str, from_status: str, actor, note: str = ""
    ) -> RegistrationEvent:
        """The (unsaved) event for a change the registration has just been through."""
        return cls(
            registration=registration,
            action=action,
            from_status=from_status,
            to_status=registration.status,
            actor=actor,
            note=note,
        )
