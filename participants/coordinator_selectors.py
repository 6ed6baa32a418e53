"""Reads for the coordinator pages, each in a fixed number of queries."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch

from programme.models import Programme, Session

from .models import Registration


def _set_kind_totals(sessions: list[Session]) -> None:
    """«Opplæringsdag 3 av 8» without one count query per session."""
    totals = Counter((s.programme_id, s.kind) for s in sessions if s.number is not None)
    for session in sessions:
        session.kind_total = totals[(session.programme_id, session.kind)]


def programmes_with_sessions() -> list[Programme]:
    """Every programme, newest first, with its sessions and their seat counts (2 queries)."""
    programmes = list(
        Programme.objects.prefetch_related(
            Prefetch(
                "sessions",
                queryset=Session.objects.select_related("venue")
                .with_seat_counts()
                .order_by("starts_at", "pk"),
                to_attr="coordinator_sessions",
            )
        ).order_by("-starts_on", "name")
    )
    _set_kind_totals([s for p in programmes for s in p.coordinator_sessions])
    return programmes


def session_for_coordinator(pk: int) -> Session:
    """One session with its programme, venue and seat counts; raises Session.DoesNotExist."""
    session = Session.objects.select_related("programme", "venue").with_seat_counts().get(pk=pk)
    if session.number is not None:
        session.kind_total = Session.objects.filter(
            programme_id=session.programme_id, kind=session.kind, number__isnull=False
        ).count()
    return session


@dataclass
class Roster:
    """A session's registrations: confirmed, the waiting list in order, cancelled."""

    confirmed: list[Registration]
    waitlisted: list[Registration]
    cancelled: list[Registration]

    @property
    def everyone(self) -> list[Registration]:
        return [*self.confirmed, *self.waitlisted, *self.cancelled]


def roster(session: Session) -> Roster:
    """TEMPORARY until participants.selectors lands: one query, waiting list by time."""
    registrations = list(
        Registration.objects.filter(session=session)
        .select_related("participant__user", "participant__organisation")
        .order_by("waitlisted_at", "created_at", "pk")
    )
    confirmed = sorted(
        (r for r in registrations if r.status == Registration.Status.CONFIRMED),
        key=lambda r: r.participant.full_name.casefold(),
    )
    waitlisted = [r for r in registrations if r.status == Registration.Status.WAITLISTED]
    for position, registration in enumerate(waitlisted, 1):
        registration.waitlist_position = position
    cancelled = [r for r in registrations if r.status == Registration.Status.CANCELLED]
    return Roster(confirmed=confirmed, waitlisted=waitlisted, cancelled=cancelled)
