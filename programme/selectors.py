"""Reads for the programme pages, each in a fixed number of queries."""

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from .models import Article, Programme, Session, Theme
from .talks import Talk

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

KIND_HEADINGS = {
    Session.Kind.TRAINING_DAY: _("Training days"),
    Session.Kind.LEADER_GATHERING: _("Leader gatherings"),
    Session.Kind.SUPERVISION: _("Supervision meetings"),
    Session.Kind.NETWORK_MEETING: _("Network meetings"),
    Session.Kind.EVENT: _("Other events"),
}


@dataclass
class SessionGroup:
    kind: str
    label: "StrOrPromise"
    sessions: list


def set_kind_totals(sessions: list[Session]) -> None:
    """«Opplæringsdag 3 av 8» for a list of sessions, without a count query per session:
    the total counts the numbered sessions of the same programme and kind in the list,
    so the list must hold all of them."""
    totals = Counter((s.programme_id, s.kind) for s in sessions if s.number is not None)
    for session in sessions:
        session.kind_total = totals[(session.programme_id, session.kind)]


def count_kind_totals(sessions: list[Session]) -> None:
    """«Opplæringsdag 3 av 8» for sessions of any programmes, counted in the database:
    one query for all of them when one is numbered, none otherwise."""
    numbered = [s for s in sessions if s.number is not None]
    if not numbered:
        return
    kinds = Q()
    for programme_id, kind in {(s.programme_id, s.kind) for s in numbered}:
        kinds |= Q(programme_id=programme_id, kind=kind)
    totals = dict(
        ((row["programme_id"], row["kind"]), row["total"])
        for row in Session.objects.filter(kinds, number__isnull=False)
        .values("programme_id", "kind")
        .annotate(total=Count("pk"))
        .order_by()
    )
    for session in numbered:
        session.kind_total = totals.get((session.programme_id, session.kind), 0)


def set_kind_total(session: Session) -> None:
    """«Opplæringsdag 3 av 8» for one session: one count query when it is numbered."""
    count_kind_totals([session])


def programme_for_page(*, slug: str | None = None) -> Programme | None:
    """The programme with goals, themes and contact persons prefetched."""
    queryset = Programme.objects.published().prefetch_related(
        "goals",
        "contact_persons",
        Prefetch(
            "themes",
            queryset=Theme.objects.filter(parent__isnull=True).prefetch_related("children"),
            to_attr="top_themes",
        ),
    )
    if slug is None:
        current = Programme.objects.current()
        if current is None:
            return None
        slug = current.slug
    return queryset.filter(slug=slug).first()


def other_programmes(programme: Programme) -> list[Programme]:
    """The other published cohorts, the one that ends last first: people of another
    region find theirs from the front page, which shows the current one."""
    return list(
        Programme.objects.published()
        .exclude(pk=programme.pk)
        .order_by("-ends_on", "-starts_on")
        .only("name", "slug", "region", "starts_on", "ends_on")
    )


def programme_sessions(programme: Programme) -> list[Session]:
    """Every session of the programme in time order, with venue, seat counts and
    «n av N»: one query."""
    sessions = list(
        Session.objects.filter(programme=programme)
        .select_related("venue")
        .with_seat_counts()
        .order_by("starts_at", "pk")
    )
    set_kind_totals(sessions)
    return sessions


def sessions_by_kind(programme: Programme) -> list[SessionGroup]:
    """Every session of the programme with seat counts, grouped by kind in a set order."""
    sessions = programme_sessions(programme)
    groups = []
    for kind, label in KIND_HEADINGS.items():
        of_kind = [s for s in sessions if s.kind == kind]
        if of_kind:
            groups.append(SessionGroup(kind=kind, label=label, sessions=of_kind))
    return groups


def session_for_page(pk: int) -> Session:
    session = (
        Session.objects.select_related("programme", "venue")
        .prefetch_related(
            "themes",
            "materials",
            Prefetch("articles", Article.objects.published(), to_attr="published_articles"),
            talks_prefetch(),
        )
        .with_seat_counts()
        .get(pk=pk, programme__is_published=True)
    )
    set_kind_total(session)
    return session


def talks_prefetch() -> Prefetch:
    """A session's talks in time order with their speakers: two queries for any number
    of sessions and talks (session.programme_talks)."""
    return Prefetch(
        "talks",
        Talk.objects.order_by("starts_at", "pk").prefetch_related("speakers"),
        to_attr="programme_talks",
    )


def session_for_calendar(pk: int) -> Session:
    """One session of a published programme for its .ics, with its talks."""
    session = (
        Session.objects.select_related("programme", "venue")
        .prefetch_related(talks_prefetch())
        .get(pk=pk, programme__is_published=True)
    )
    set_kind_total(session)
    return session


def calendar_sessions(programme: Programme) -> list[Session]:
    """The programme's feed: every session as programme_sessions, with its talks."""
    sessions = programme_sessions(programme)
    prefetch_related_objects(sessions, talks_prefetch())
    return sessions


def event_for_article(article) -> Session | None:
    """The session an article is about, with its seat counts, if its programme is
    published (its page exists); one query, none without an event."""
    if article.event_id is None:
        return None
    event = (
        Session.objects.select_related("programme", "venue")
        .with_seat_counts()
        .filter(pk=article.event_id, programme__is_published=True)
        .first()
    )
    if event is not None:
        set_kind_total(event)
    return event
