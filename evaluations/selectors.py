"""Reads of the evaluations: which questions a session asks, whether its evaluation is
open, and its results for coordinators (never below MIN_ANSWERS answers)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from participants.models import Participant, Registration
from programme.models import Session

from .models import EVALUATED_KINDS, Answer, Question, Respondent

# The link in the email works this many days after the session ended.
OPEN_DAYS = 30
# Results of fewer answers could point at someone, so they are not shown.
MIN_ANSWERS = 5


def closes_at(session: Session) -> dt.datetime:
    return session.ends_at + dt.timedelta(days=OPEN_DAYS)


def status(session: Session, *, now: dt.datetime) -> str:
    """«not_open» before the session has ended, «open», then «closed»."""
    if now < session.ends_at:
        return "not_open"
    return "open" if now < closes_at(session) else "closed"


def asked_after(session_kind: str) -> Q:
    return Q(session_kind="") | Q(session_kind=session_kind)


def questions_for(session: Session) -> list[Question]:
    return list(
        Question.objects.filter(asked_after(session.kind), programme_id=session.programme_id)
    )


def sessions_with_questions(sessions: QuerySet[Session]) -> QuerySet[Session]:
    return sessions.filter(
        Exists(
            Question.objects.filter(
                Q(session_kind="") | Q(session_kind=OuterRef("kind")),
                programme_id=OuterRef("programme_id"),
            )
        )
    )


def attended_session(*, participant: Participant | None, session_pk: int) -> Session:
    """The session, if the person was marked as attending it; Session.DoesNotExist else."""
    if participant is None:
        raise Session.DoesNotExist
    return Session.objects.select_related("programme").get(
        pk=session_pk,
        kind__in=EVALUATED_KINDS,
        is_cancelled=False,
        registrations__participant=participant,
        registrations__status=Registration.Status.CONFIRMED,
        registrations__attended=True,
    )


def _count(queryset: QuerySet) -> Coalesce:
    return Coalesce(
        Subquery(
            queryset.order_by().values("session_id").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def invited(session: Session | None = None) -> QuerySet[Registration]:
    """Those marked as attending `session`, or (None) the outer query's session."""
    marked = Registration.objects.filter(status=Registration.Status.CONFIRMED, attended=True)
    if session is None:
        return marked.filter(session_id=OuterRef("pk"))
    return marked.filter(session=session)


def evaluated_sessions(*, now: dt.datetime) -> QuerySet[Session]:
    """Training days and leader gatherings that have ended, newest first, with the
    number invited (marked as attending) and the number who answered: one query."""
    return (
        Session.objects.filter(kind__in=EVALUATED_KINDS, is_cancelled=False, ends_at__lte=now)
        .select_related("programme")
        .annotate(
            invited_count=_count(invited()),
            answered_count=_count(Respondent.objects.filter(session=OuterRef("pk"))),
        )
        .order_by("-starts_at", "pk")
    )


@dataclass
class QuestionResult:
    question: Question
    count: int = 0
    average: float | None = None
    distribution: list[tuple[int, int, int]] = field(default_factory=list)  # rating, n, %
    comments: list[str] = field(default_factory=list)
    chart: object = None  # evaluations.charts.Chart, set by the results view


@dataclass
class Results:
    session: Session
    invited: int
    answered: int
    questions: list[QuestionResult] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.answered >= MIN_ANSWERS


def session_results(session: Session) -> Results:
    """Counts always; averages, distributions and comments only from MIN_ANSWERS answers
    on (five queries then, two below). Comments in alphabetical order, never in the order
    they came."""
    results = Results(
        session=session,
        invited=invited(session).count(),
        answered=Respondent.objects.filter(session=session).count(),
    )
    if not results.shown:
        return results
    answers = Answer.objects.filter(response__session=session)
    questions = Question.objects.filter(
        Q(asked_after(session.kind), programme_id=session.programme_id)
        | Q(Exists(answers.filter(question=OuterRef("pk"))))
    ).order_by("order", "pk")
    by_question = {q.pk: QuestionResult(question=q) for q in questions}
    counts: dict[int, dict[int, int]] = {pk: {} for pk in by_question}
    for question_id, rating, n in (
        answers.filter(rating__isnull=False)
        .values_list("question_id", "rating")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts.setdefault(question_id, {})[rating] = n
    for question_id, text in (
        answers.exclude(text="").order_by("question_id", "text").values_list("question_id", "text")
    ):
        by_question[question_id].comments.append(text)
    for question_id, result in by_question.items():
        per_rating = counts.get(question_id, {})
        result.count = sum(per_rating.values())
        if result.count:
            result.average = sum(r * n for r, n in per_rating.items()) / result.count
        result.distribution = [
            (r, per_rating.get(r, 0), round(100 * per_rating.get(r, 0) / result.count))
            if result.count
            else (r, 0, 0)
            for r in range(1, 6)
        ]
    results.questions = list(by_question.values())
    return results
