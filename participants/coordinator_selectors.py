"""Reads for the coordinator pages, each in a fixed number of queries."""

from collections import Counter

from django.db.models import Prefetch

from programme.models import Programme, Session

from .models import Registration
from .selectors import SessionList


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


def everyone(session_list: SessionList) -> list[Registration]:
    """Confirmed, then the waiting list in order, then cancelled: the order of the exports."""
    return [*session_list.confirmed, *session_list.waitlist, *session_list.cancelled]
