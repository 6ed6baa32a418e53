"""Reads for the coordinator pages, each in a fixed number of queries."""

from django.db.models import Prefetch

from programme.models import Programme, Session
from programme.selectors import set_kind_total, set_kind_totals

from .models import Registration
from .selectors import SessionList


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
    set_kind_totals([s for p in programmes for s in p.coordinator_sessions])
    return programmes


def session_for_coordinator(pk: int) -> Session:
    """One session with its programme, venue and seat counts; raises Session.DoesNotExist."""
    session = Session.objects.select_related("programme", "venue").with_seat_counts().get(pk=pk)
    set_kind_total(session)
    return session


def everyone(session_list: SessionList) -> list[Registration]:
    """Confirmed, then the waiting list in order, then cancelled: the order of the exports."""
    return [*session_list.confirmed, *session_list.waitlist, *session_list.cancelled]
