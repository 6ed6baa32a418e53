"""Reads for the coordinator pages, each in a fixed number of queries."""

from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.db.models.fields.json import KT
from django.utils import timezone

from notifications.models import Email
from participants.models import Enrolment, Participant, Registration
from programme.models import Programme, Session
from programme.selectors import set_kind_total, set_kind_totals
from registrations.selectors import SessionList, attach_seat_counts


def programmes_with_sessions() -> list[Programme]:
    """Every programme, newest first, with its sessions and their seat counts (3 queries:
    programmes, sessions with venues, one grouped count of their registrations)."""
    # order_by() first: django-stubs 5.2.9 rejects every Prefetch given to prefetch_related()
    # on an as_manager() manager (typeddjango/django-stubs#3263); on a QuerySet it is checked.
    programmes = list(
        Programme.objects.order_by("-starts_on", "name").prefetch_related(
            Prefetch(
                "sessions",
                queryset=Session.objects.select_related("venue").order_by("starts_at", "pk"),
                to_attr="coordinator_sessions",
            )
        )
    )
    sessions = [s for p in programmes for s in p.coordinator_sessions]
    attach_seat_counts(sessions)
    set_kind_totals(sessions)
    return programmes


def session_for_coordinator(pk: int) -> Session:
    """One session with its programme, venue and seat counts; raises Session.DoesNotExist."""
    session = Session.objects.select_related("programme", "venue").with_seat_counts().get(pk=pk)
    set_kind_total(session)
    return session


def everyone(session_list: SessionList) -> list[Registration]:
    """Confirmed, then the waiting list in order, then cancelled: the order of the exports."""
    return [*session_list.confirmed, *session_list.waitlist, *session_list.cancelled]


# -- who a message to a whole programme reaches ------------------------------------------------


def _leader_of_enrolled(programme: Programme) -> Q:
    enrolled = Enrolment.objects.filter(programme=programme, organisation=OuterRef("organisation"))
    return Q(role=Participant.Role.LEADER, leader_confirmed=True) & Q(Exists(enrolled))


def _registered_for(programme: Programme, statuses: list[str]) -> Q:
    """Holds a registration with one of `statuses` for a session of the programme that has
    neither ended nor been cancelled."""
    registrations = Registration.objects.filter(
        participant=OuterRef("pk"),
        status__in=statuses,
        session__programme=programme,
        session__ends_at__gt=timezone.now(),
        session__is_cancelled=False,
    )
    return Q(Exists(registrations))


def message_statuses(include_waitlisted: bool) -> list[str]:
    """The registrations a message reaches: confirmed, and waiting if asked."""
    if include_waitlisted:
        return list(Registration.LIVE_STATUSES)
    return [Registration.Status.CONFIRMED]


def programme_leaders(
    programme: Programme, *, organisation_ids: list[int] | None = None
) -> QuerySet[Participant]:
    """The confirmed leaders of the organisations enrolled in the programme (of those
    organisations only, if chosen)."""
    leaders = Participant.objects.filter(_leader_of_enrolled(programme))
    if organisation_ids:
        leaders = leaders.filter(organisation_id__in=organisation_ids)
    return leaders


def _attended(programme: Programme) -> Q:
    """Marked as attending at least one session of the programme, of any kind."""
    attended = Registration.objects.filter(
        participant=OuterRef("pk"), session__programme=programme, attended=True
    )
    return Q(Exists(attended), anonymised_at__isnull=True)


def programme_past_participants(programme: Programme) -> QuerySet[Participant]:
    """Everyone who attended at least one session of the programme, each person once."""
    return Participant.objects.filter(_attended(programme))


def programme_registrants(
    programme: Programme, *, include_waitlisted: bool
) -> QuerySet[Participant]:
    """Everyone confirmed (or, if asked, waiting) for a coming session of the programme,
    each person once."""
    return Participant.objects.filter(
        _registered_for(programme, message_statuses(include_waitlisted))
    )


def programme_audience_counts(programme: Programme) -> dict[str, int]:
    """How many people each group of a programme message reaches (one query): `leaders`,
    `registered` (confirmed somewhere), `waiting` (only on waiting lists) and `past`
    (attended at least one session)."""
    confirmed = _registered_for(programme, message_statuses(False))
    return Participant.objects.aggregate(
        leaders=Count("pk", filter=_leader_of_enrolled(programme)),
        past=Count("pk", filter=_attended(programme)),
        registered=Count("pk", filter=confirmed),
        waiting=Count(
            "pk",
            filter=_registered_for(programme, [Registration.Status.WAITLISTED]) & ~confirmed,
        ),
    )


# -- the messages sent -------------------------------------------------------------------


def sent_messages(session) -> list[dict]:
    """The coordinators' messages to this session, newest first: subject, when, who sent
    it and to how many. One query."""
    return _summarise_messages(Email.objects.filter(session=session))


def sent_programme_messages(programme) -> list[dict]:
    """The coordinators' messages to the whole programme, as sent_messages. One query."""
    return _summarise_messages(
        Email.objects.filter(
            content_type__app_label="programme",
            content_type__model="programme",
            object_id=programme.pk,
        )
    )


def _summarise_messages(emails) -> list[dict]:
    return list(
        emails.filter(kind=Email.Kind.MESSAGE)
        .values("subject", message=KT("data__message"), sender=KT("data__sender"))
        .annotate(recipients=Count("pk"), sent_at=Min("created_at"))
        .order_by("-sent_at")
    )
