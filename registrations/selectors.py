"""Reads for the registration pages, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeAlias, TypedDict, cast

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from participants.models import Enrolment, Organisation, Participant, Registration
from participants.selectors import staff_of
from programme.models import Programme, Session
from programme.selectors import set_kind_totals, talks_prefetch

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

WAITLISTED = Registration.Status.WAITLISTED


class SessionKindTotal(TypedDict):
    """The session's «n av N» total, annotated on a registration (`session_kind_total`).

    with_positions also annotates `queue_position`, which Registration declares."""

    session_kind_total: int


class RosterFlags(TypedDict):
    """What session_list annotates and sets on each registration."""

    from_enrolled_unit: bool
    outside_programme: bool


class StaffRegistrations(TypedDict):
    """What staff_with_registrations prefetches onto each person."""

    programme_registrations: list[RegistrationWithTotal]


if TYPE_CHECKING:
    RegistrationWithTotal: TypeAlias = WithAnnotations[Registration, SessionKindTotal]


def waiting_position() -> Subquery:
    """Place on the waiting list (1 = next in line) as a subquery on Registration."""
    ahead_or_self = (
        Registration.objects.filter(session=OuterRef("session"), status=WAITLISTED)
        .filter(
            Q(waitlisted_at__lt=OuterRef("waitlisted_at"))
            | Q(waitlisted_at=OuterRef("waitlisted_at"), pk__lte=OuterRef("pk"))
        )
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(ahead_or_self, output_field=IntegerField())


def _kind_total() -> Coalesce:
    """How many numbered sessions of the same kind the programme has («3 av 8»)."""
    same_kind = (
        Session.objects.filter(
            programme=OuterRef("session__programme"),
            kind=OuterRef("session__kind"),
            number__isnull=False,
        )
        .order_by()
        .values("programme")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(same_kind, output_field=IntegerField()), 0)


def with_positions(queryset: QuerySet[Registration]) -> QuerySet[RegistrationWithTotal]:
    """Registrations with session, venue and programme, the waiting-list place and the
    session's «n av N» total, in the one query."""
    return queryset.select_related("session__venue", "session__programme").annotate(
        # The plugin refuses an annotation named like a model attribute; this one fills
        # the attribute Registration declares for it.
        queue_position=waiting_position(),  # type: ignore[no-redef]
        session_kind_total=_kind_total(),
    )


def _finish(registrations: list[RegistrationWithTotal]) -> list[RegistrationWithTotal]:
    for registration in registrations:
        registration.session.kind_total = registration.session_kind_total
        if registration.status != WAITLISTED:
            registration.queue_position = None
    return registrations


def waiting_list_position(registration: Registration) -> int | None:
    """1 for the next in line; None when the registration is not on the waiting list."""
    if registration.status != WAITLISTED:
        return None
    return (
        Registration.objects.filter(session_id=registration.session_id, status=WAITLISTED)
        .filter(
            Q(waitlisted_at__lt=registration.waitlisted_at)
            | Q(waitlisted_at=registration.waitlisted_at, pk__lte=registration.pk)
        )
        .count()
    )


@dataclass
class ParticipantRegistrations:
    upcoming: list[Registration] = field(default_factory=list)
    past: list[Registration] = field(default_factory=list)


def registrations_of(participant: Participant) -> ParticipantRegistrations:
    """Every registration of the person, upcoming first by date, past newest first.

    One query: registrations with session, venue, programme, waiting-list place and
    the «n av N» total.
    """
    registrations = _finish(
        list(
            with_positions(Registration.objects.filter(participant=participant)).order_by(
                "session__starts_at", "session__pk", "created_at", "pk"
            )
        )
    )
    now = timezone.now()
    result = ParticipantRegistrations()
    for registration in registrations:
        if registration.session.ends_at >= now:
            result.upcoming.append(registration)
        else:
            result.past.append(registration)
    result.past.reverse()
    return result


def next_registrations_of(participant: Participant, *, limit: int) -> list[RegistrationWithTotal]:
    """The person's next `limit` live registrations (seat or waiting list) for sessions
    not yet over, soonest first, as registrations_of gives them. One query."""
    return _finish(
        list(
            with_positions(
                Registration.objects.live().filter(
                    participant=participant, session__ends_at__gte=timezone.now()
                )
            ).order_by("session__starts_at", "session__pk")[:limit]
        )
    )


def live_registrations_of(participant: Participant) -> list[RegistrationWithTotal]:
    """The person's confirmed and waitlisted registrations by session start, for the
    calendar feed: with session, venue and the «n av N» total in one query, and the
    sessions' talks (one query, and one for their speakers when there are talks)."""
    registrations = list(
        Registration.objects.live()
        .filter(participant=participant)
        .select_related("session__venue")
        .annotate(session_kind_total=_kind_total())
        .order_by("session__starts_at", "session__pk")
    )
    for registration in registrations:
        registration.session.kind_total = registration.session_kind_total
    prefetch_related_objects([r.session for r in registrations], talks_prefetch())
    return registrations


def live_registration(
    *, participant: Participant, session: Session
) -> RegistrationWithTotal | None:
    """The person's confirmed or waitlisted registration for the session, with its place."""
    found = _finish(
        list(
            with_positions(
                Registration.objects.live().filter(participant=participant, session=session)
            )
        )
    )
    return found[0] if found else None


@dataclass
class SessionList:
    session: Session
    confirmed: list[Registration]
    waitlist: list[Registration]
    cancelled: list[Registration]


# The programme's own sessions, for the staff of its participating units.
FOR_PARTICIPATING_UNITS = {Session.Kind.TRAINING_DAY, Session.Kind.LEADER_GATHERING}


def session_list(session: Session) -> SessionList:
    """The session's people: confirmed by time, the waiting list in order (with place),
    and the cancelled. One query, with participant, user and organisation, and whether
    each person's organisation takes part in the programme (`outside_programme` is True
    for staff of another organisation on a training day or leader gathering)."""
    enrolled = Enrolment.objects.filter(
        programme_id=session.programme_id, organisation_id=OuterRef("participant__organisation")
    )
    # Typed with `outside_programme`, which the loop below sets on every registration.
    registrations = cast(
        "list[WithAnnotations[Registration, RosterFlags]]",
        list(
            Registration.objects.filter(session=session)
            .select_related("participant__user", "participant__organisation")
            .annotate(from_enrolled_unit=Exists(enrolled))
            .order_by("created_at", "pk")
        ),
    )
    for registration in registrations:
        registration.outside_programme = (
            session.kind in FOR_PARTICIPATING_UNITS
            and registration.participant.organisation_id is not None
            and not registration.from_enrolled_unit
        )
    confirmed: list[Registration] = [
        r for r in registrations if r.status == Registration.Status.CONFIRMED
    ]
    confirmed.sort(key=lambda r: (r.confirmed_at or r.created_at, r.pk))
    waitlist: list[Registration] = [r for r in registrations if r.status == WAITLISTED]
    waitlist.sort(key=lambda r: (r.waitlisted_at, r.pk))
    for position, waiting in enumerate(waitlist, 1):
        waiting.queue_position = position
    cancelled: list[Registration] = [
        r for r in registrations if r.status == Registration.Status.CANCELLED
    ]
    cancelled.sort(key=lambda r: (r.cancelled_at or r.created_at, r.pk))
    return SessionList(session=session, confirmed=confirmed, waitlist=waitlist, cancelled=cancelled)


def staff_with_registrations(
    *, organisation: Organisation, programme: Programme | None
) -> list[WithAnnotations[Participant, StaffRegistrations]]:
    """The organisation's staff, each with `programme_registrations` for the programme's
    sessions (with waiting-list places). Two queries."""
    registrations = Registration.objects.filter(session__programme=programme).order_by(
        "session__starts_at", "session__pk", "created_at"
    )
    staff = list(
        staff_of(organisation)
        .order_by("full_name", "pk")
        .prefetch_related(
            Prefetch(
                "registrations",
                queryset=with_positions(registrations),
                to_attr="programme_registrations",
            )
        )
    )
    for person in staff:
        _finish(person.programme_registrations)
    return staff


def training_days(programme: Programme) -> list[Session]:
    """The programme's training days with seat counts and «n av N», in one query."""
    sessions = list(
        Session.objects.filter(programme=programme, kind=Session.Kind.TRAINING_DAY)
        .select_related("venue")
        .with_seat_counts()
        .order_by("starts_at", "pk")
    )
    set_kind_totals(sessions)
    return sessions


def attach_seat_counts(sessions: list[Session]) -> None:
    """Set `confirmed_count` and `waitlisted_count` on each session from one grouped count
    (SELECT session_id, status, COUNT(*) ... GROUP BY session_id, status), which PostgreSQL
    answers from the (session, status, waitlisted_at) index; no query for no sessions.

    SessionQuerySet.with_seat_counts joins every registration to the sessions and counts
    DISTINCT: fine for one session, slow over every programme at national size."""
    if not sessions:
        return
    counts: dict[tuple[int, str], int] = {
        (session_id, status): total
        for session_id, status, total in Registration.objects.filter(
            session__in=[session.pk for session in sessions],
            status__in=Registration.LIVE_STATUSES,
        )
        .values_list("session_id", "status")
        .annotate(total=Count("*"))
        .order_by()
    }
    for session in sessions:
        session.confirmed_count = counts.get((session.pk, Registration.Status.CONFIRMED), 0)  # type: ignore[attr-defined]
        session.waitlisted_count = counts.get((session.pk, WAITLISTED), 0)  # type: ignore[attr-defined]
