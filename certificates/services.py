"""The course certificate rule, and issuing a certificate.

The rule: a person earns the certificate (kursbevis) for a programme when they
attended (Registration.attended is True, on a confirmed registration) at least
CERTIFICATE_REQUIRED_PERCENT per cent of the programme's training days, rounded
up: 6 of 8 with the default 75 %. Cancelled training days do not count, and a
programme without training days gives no certificate.

Coordinators record attendance (registrations.attendance.record_attendance); the
certificate is issued once per person and programme, and later changes to the
attendance do not take it back. A coordinator may withdraw it (withdraw_certificate):
the public check page then says so, and it is never issued again for that programme.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from participants.models import Participant, Registration
from programme.models import Programme, Session

from .models import Certificate

DEFAULT_REQUIRED_PERCENT = 75


class CertificateError(ValidationError):
    """A refused certificate, with a message the person can act on."""


def required_percent() -> int:
    """The share of training days a person must attend, in per cent (setting or 75)."""
    return getattr(settings, "CERTIFICATE_REQUIRED_PERCENT", DEFAULT_REQUIRED_PERCENT)


def required_training_days(total: int) -> int:
    """How many of `total` training days earn the certificate: the share, rounded up."""
    return max(1, -(-total * required_percent() // 100))


@dataclass(frozen=True)
class Progress:
    """Attended training days toward the certificate."""

    attended: int
    total: int

    @property
    def required(self) -> int:
        return required_training_days(self.total)

    @property
    def percent(self) -> int:
        return required_percent()

    @property
    def earned(self) -> bool:
        return self.total > 0 and self.attended >= self.required

    @property
    def missing(self) -> int:
        return max(self.required - self.attended, 0) if self.total else 0


def counts_toward_certificate(registration: Registration | None) -> bool:
    """The one place that says which registration counts as an attended training day."""
    return (
        registration is not None
        and registration.status == Registration.Status.CONFIRMED
        and registration.attended is True
    )


def training_days(programme: Programme):
    """The programme's training days that count: not cancelled."""
    return Session.objects.filter(
        programme=programme, kind=Session.Kind.TRAINING_DAY, is_cancelled=False
    )


def progress_of(*, participant: Participant, programme: Programme) -> Progress:
    """Attended and total training days, in one query."""
    counts = training_days(programme).aggregate(
        total=Count("pk", distinct=True),
        attended=Count(
            "pk",
            distinct=True,
            filter=Q(
                registrations__participant=participant,
                registrations__status=Registration.Status.CONFIRMED,
                registrations__attended=True,
            ),
        ),
    )
    return Progress(attended=counts["attended"], total=counts["total"])


# Taking the lock is its own step so the concurrency test's negative control can remove it.
def _lock_participant(participant_pk: int) -> None:
    Participant.objects.select_for_update().filter(pk=participant_pk).values_list("pk").get()


def issue_certificate(*, participant: Participant, programme: Programme, actor=None) -> Certificate:
    """Issue the person's certificate for the programme, or return the one they have.

    Idempotent: a second call returns the same certificate. The person's row is
    locked first, so two calls at once issue one certificate (the unique
    constraint `one_certificate_per_programme` backs that up), and the rule is
    checked again inside the transaction. Raises CertificateError when not earned.
    """
    with transaction.atomic():
        _lock_participant(participant.pk)
        existing = Certificate.objects.filter(participant=participant, programme=programme).first()
        if existing is not None:
            return existing
        progress = progress_of(participant=participant, programme=programme)
        if not progress.earned:
            raise CertificateError(
                _(
                    "The course certificate needs attendance at %(required)s of %(total)s "
                    "training days; %(attended)s are recorded so far."
                )
                % {
                    "required": progress.required,
                    "total": progress.total,
                    "attended": progress.attended,
                },
                code="not_earned",
            )
        return Certificate.objects.create(
            participant=participant,
            programme=programme,
            issued_by_id=actor.pk if actor is not None else participant.user_id,
            training_days_attended=progress.attended,
            training_days_total=progress.total,
        )


def withdraw_certificate(certificate: Certificate, reason: str, by) -> Certificate:
    """Withdraw the certificate, with a reason for coordinators; the check page then says
    it is withdrawn. The row is locked, so a second call keeps the first withdrawal."""
    reason = reason.strip()
    if not reason:
        raise CertificateError(_("Give a reason for withdrawing the certificate."), code="reason")
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.withdrawn_at is None:
            locked.withdrawn_at = timezone.now()
            locked.withdrawn_reason = reason
            locked.withdrawn_by_id = by.pk if by is not None else None
            locked.save(update_fields=["withdrawn_at", "withdrawn_reason", "withdrawn_by"])
    certificate.withdrawn_at = locked.withdrawn_at
    certificate.withdrawn_reason = locked.withdrawn_reason
    certificate.withdrawn_by_id = locked.withdrawn_by_id
    return certificate


def withdraw_unearned(*, programme: Programme, participant_ids: list[int], by) -> list[Certificate]:
    """After an attendance correction: the certificates of these people for the programme
    that their attendance no longer earns are withdrawn, saying why (in the portal's
    language, for the check page and the coordinators)."""
    withdrawn = []
    valid = Certificate.objects.filter(
        programme=programme, participant_id__in=participant_ids, withdrawn_at__isnull=True
    ).select_related("participant")
    for certificate in valid:
        if progress_of(participant=certificate.participant, programme=programme).earned:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            reason = _("Attendance was corrected and no longer meets the requirement.")
        withdrawn.append(withdraw_certificate(certificate, reason, by))
    return withdrawn
