"""Write paths of the evaluations: answering one, and the invitation and reminder emails
(run hourly by evaluations.tasks)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from familiestotte.formatting import day, when
from notifications.models import Email
from notifications.outbox import queue_email
from notifications.rendering import absolute
from participants.models import Participant, Registration
from programme.models import Session

from .models import EVALUATED_KINDS, Answer, Question, Respondent, Response
from .selectors import OPEN_DAYS, closes_at, questions_for, sessions_with_questions

logger = logging.getLogger(__name__)

# Those who have not answered this many days after the invitation are reminded, once.
REMINDER_AFTER_DAYS = 3


def already_answered(*, participant: Participant, session: Session) -> bool:
    return Respondent.objects.filter(participant=participant, session=session).exists()


def submit_evaluation(
    *, participant: Participant, session: Session, answers: Mapping[Question, int | str | None]
) -> bool:
    """Record one person's answers to a session's evaluation; False if they had answered.

    The respondent row (who) and the response with its answers (what) are written in one
    transaction, so an answer is never lost nor counted without its person having been
    marked. Two submits at once: the second insert of the respondent waits on the unique
    index for the first transaction and then fails, and its response is rolled back.
    """
    with transaction.atomic(durable=True):
        if already_answered(participant=participant, session=session):
            return False
        try:
            with transaction.atomic():
                Respondent.objects.create(participant=participant, session=session)
        except IntegrityError:
            return False
        response = Response.objects.create(session=session)
        Answer.objects.bulk_create(
            [
                Answer(
                    response=response,
                    question=question,
                    rating=value if isinstance(value, int) else None,
                    text=value if isinstance(value, str) else "",
                )
                for question, value in answers.items()
                if value not in (None, "")
            ]
        )
    return True


def invitation_key(registration: Registration) -> str:
    return f"evaluation:{registration.session_id}:{registration.participant_id}"


def reminder_key(registration: Registration) -> str:
    return f"evaluation_reminder:{registration.session_id}:{registration.participant_id}"


def send_evaluation_emails(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Invite everyone marked as attending a training day or leader gathering that has
    ended and is still open to evaluation, and remind, once, those who have not answered
    REMINDER_AFTER_DAYS days after their invitation. Safe to run any number of times:
    each email has its own key in the outbox. Returns (invitations, reminders) queued.

    Attendance is often taken after the session, so a person marked later is invited by
    the next run. Five queries whatever the number of people, plus the emails queued.
    """
    now = now or timezone.now()
    sessions = sessions_with_questions(
        Session.objects.filter(
            kind__in=EVALUATED_KINDS,
            is_cancelled=False,
            ends_at__lte=now,
            ends_at__gt=now - dt.timedelta(days=OPEN_DAYS),
        )
    )
    registrations = list(
        Registration.objects.filter(
            session__in=sessions,
            status=Registration.Status.CONFIRMED,
            attended=True,
            participant__user__is_active=True,
        )
        .select_related("participant__user", "session__programme")
        .order_by("session__starts_at", "pk")
    )
    if not registrations:
        return 0, 0
    answered = set(
        Respondent.objects.filter(session_id__in={r.session_id for r in registrations}).values_list(
            "participant_id", "session_id"
        )
    )
    keys = [key(r) for r in registrations for key in (invitation_key, reminder_key)]
    recorded = dict(Email.objects.filter(key__in=keys).values_list("key", "created_at"))
    invited = reminded = 0
    with transaction.atomic(), translation.override("nb"):
        for registration in registrations:
            if (registration.participant_id, registration.session_id) in answered:
                continue
            invited_at = recorded.get(invitation_key(registration))
            if invited_at is None:
                queue_invitation(registration, reminder=False)
                invited += 1
            elif reminder_key(registration) not in recorded and invited_at <= now - dt.timedelta(
                days=REMINDER_AFTER_DAYS
            ):
                queue_invitation(registration, reminder=True)
                reminded += 1
    logger.info("Queued %d evaluation invitations and %d reminders", invited, reminded)
    return invited, reminded


def queue_invitation(registration: Registration, *, reminder: bool) -> None:
    session = registration.session
    prefix = "reminder" if reminder else "invitation"
    queue_email(
        recipient=registration.participant.user,
        kind=Email.Kind.OTHER,
        key=reminder_key(registration) if reminder else invitation_key(registration),
        template_prefix=f"evaluations/email/{prefix}",
        context={
            "session_title": session.title,
            "session_when": when(session.starts_at),
            "programme": session.programme.name,
            "closes_on": day(closes_at(session)),
            "evaluation_url": absolute(reverse("evaluations:answer", args=[session.pk])),
        },
        concerns=session,
    )


def add_questions(*, programme_id: int, questions: Sequence[Mapping[str, Any]]) -> int:
    """Give a programme a set of questions unless it has some; how many were added."""
    if Question.objects.filter(Q(programme_id=programme_id)).exists():
        return 0
    Question.objects.bulk_create(
        [
            Question(programme_id=programme_id, order=order, **question)
            for order, question in enumerate(questions, start=1)
        ]
    )
    return len(questions)


__all__ = ["questions_for", "submit_evaluation", "send_evaluation_emails", "add_questions"]
