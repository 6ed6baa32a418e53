"""A course certificate (kursbevis): proof that a person completed a programme's training."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants.models import Participant
from programme.models import Programme

# No 0/O, 1/I/L: the code is read aloud and typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4


def new_verification_code() -> str:
    """A random code like «K7QM-3XHP-T9WD» (31^12, about 59 bits)."""
    return "-".join(
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH))
        for _ in range(CODE_GROUPS)
    )


def normalise_code(text: str) -> str | None:
    """The code as stored («K7QM-3XHP-T9WD») from what a person typed: any case, with
    or without the dashes, spaces ignored; None when it cannot be a code at all."""
    letters = "".join(text.split()).replace("-", "").upper()
    if len(letters) != CODE_GROUPS * CODE_GROUP_LENGTH or any(
        letter not in CODE_ALPHABET for letter in letters
    ):
        return None
    return "-".join(
        letters[i : i + CODE_GROUP_LENGTH] for i in range(0, len(letters), CODE_GROUP_LENGTH)
    )


class Certificate(models.Model):
    """Issued once per person and programme by certificates.services.issue_certificate."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("participant"),
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("programme"),
    )
    code = models.CharField(
        _("verification code"), max_length=20, unique=True, default=new_verification_code
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    training_days_attended = models.PositiveSmallIntegerField(
        _("training days attended"),
        help_text=_("How many training days the person had attended when it was issued."),
    )
    training_days_total = models.PositiveSmallIntegerField(_("training days in the programme"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_reason = models.CharField(
        _("reason for withdrawal"),
        max_length=300,
        blank=True,
        help_text=_("Shown to coordinators only, never on the public check page."),
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )

    class Meta:
        ordering = ["-issued_at", "pk"]
        verbose_name = _("course certificate")
        verbose_name_plural = _("course certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "programme"], name="one_certificate_per_programme"
            )
        ]

    def __str__(self):
        return f"{self.participant} – {self.programme} ({self.code})"

    def get_absolute_url(self):
        return reverse(
            "certificates:certificate",
            kwargs={"slug": self.programme.slug, "participant_pk": self.participant_id},
        )

    def get_verification_url(self):
        return reverse("certificates:verify", kwargs={"code": self.code})

    def get_pdf_url(self):
        return reverse(
            "certificates:pdf",
            kwargs={"slug": self.programme.slug, "participant_pk": self.participant_id},
        )

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None
