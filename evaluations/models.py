"""Evaluations after training days and leader gatherings, anonymous to everyone.

Who has answered and what was answered are stored apart, with nothing that joins them:

- `Respondent` (participant, session) says only that a person has answered. It has no
  timestamp and no link to the answers.
- `Response` and its `Answer` rows hold what was answered, with the session and no
  person, no timestamp at all (the day is the session's) and random UUID primary keys,
  so neither a date nor an insertion order can be matched against the respondents or
  against the outbox (whose invitation and reminder rows have timestamps and say who
  had not answered by when).

A unique (participant, session) on `Respondent`, inserted in the same transaction as
the response, keeps it to one answer per person and session, also when the form is sent
twice at once (evaluations.services.submit_evaluation).
"""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from participants.models import Participant
from programme.models import Programme, Session

# Sessions that are evaluated, and the kinds a question may be limited to.
EVALUATED_KINDS = (Session.Kind.TRAINING_DAY, Session.Kind.LEADER_GATHERING)
RATING_CHOICES = [(value, str(value)) for value in range(1, 6)]


class Question(models.Model):
    """One question a programme's evaluations ask, set by a coordinator (the admin)."""

    class Kind(models.TextChoices):
        RATING = "rating", _("Rating from 1 to 5")
        TEXT = "text", _("Free text")

    class SessionKind(models.TextChoices):
        ALL = "", _("Training days and leader gatherings")
        TRAINING_DAY = Session.Kind.TRAINING_DAY.value, _("Training days only")
        LEADER_GATHERING = Session.Kind.LEADER_GATHERING.value, _("Leader gatherings only")

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="evaluation_questions",
        verbose_name=_("programme"),
    )
    session_kind = models.CharField(
        _("asked after"), max_length=20, choices=SessionKind.choices, blank=True
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    is_required = models.BooleanField(
        _("required"), default=True, help_text=_("Free-text questions are best left optional.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["programme", "order", "pk"]
        verbose_name = _("evaluation question")
        verbose_name_plural = _("evaluation questions")

    def __str__(self):
        return self.text


class Respondent(models.Model):
    """That a person has answered a session's evaluation, and nothing about what."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="evaluations_answered",
        verbose_name=_("participant"),
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="+", verbose_name=_("session")
    )

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "session"], name="one_evaluation_per_person_and_session"
            )
        ]

    def __str__(self):
        return f"{self.participant} – {self.session}"


class Response(models.Model):
    """One person's answers to a session's evaluation, without the person."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="evaluation_responses",
        verbose_name=_("session"),
    )

    class Meta:
        verbose_name = _("evaluation response")
        verbose_name_plural = _("evaluation responses")

    def __str__(self):
        return str(self.session)


class Answer(models.Model):
    """The answer to one question: a rating from 1 to 5 or a text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="answer_rating_from_1_to_5",
            ),
        ]

    def __str__(self):
        return str(self.rating) if self.rating is not None else self.text[:50]
