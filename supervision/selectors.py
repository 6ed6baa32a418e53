"""Reads for the supervision groups' pages, each in a fixed number of queries."""

from django.db.models import Prefetch, Q
from django.utils import timezone

from participants.models import Participant
from programme.models import Session
from registrations.attendance import attendance_too_early
from resourcegroups.models import SupervisionGroup

from .models import MeetingNote


def supervision_groups_of(participant: Participant) -> list[SupervisionGroup]:
    """The groups in published programmes that the person belongs to or supervises, with
    their supervisor. One query."""
    return list(
        SupervisionGroup.objects.filter(
            Q(members=participant) | Q(supervisor=participant), programme__is_published=True
        )
        .select_related("supervisor", "programme")
        .distinct()
        .order_by("-programme__starts_on", "region", "name")
    )


def supervision_group_page(*, pk: int, participant: Participant | None, coordinator: bool):
    """The group with its supervisor, members (with their organisation) and meetings (with
    their venue and seat counts), if the person may see it: a member, its supervisor or a
    coordinator. SupervisionGroup.DoesNotExist otherwise. Three queries, and a fourth for
    the meeting notes when the person is its supervisor or a coordinator.

    `group.takes_attendance` says whether the person takes attendance at its meetings (its
    supervisor, a coordinator); then each supervision meeting not cancelled has
    `attendance_open` (it has started) or `too_early` (the note saying when it starts).
    """
    groups = SupervisionGroup.objects.all()
    if not coordinator:
        if participant is None:
            raise SupervisionGroup.DoesNotExist
        groups = groups.filter(
            Q(members=participant) | Q(supervisor=participant), programme__is_published=True
        ).distinct()
    group = (
        groups.select_related("supervisor", "programme")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=Participant.objects.select_related("organisation").order_by(
                    "full_name", "pk"
                ),
            ),
            Prefetch(
                "meetings",
                queryset=Session.objects.select_related("venue")
                .with_seat_counts()
                .order_by("starts_at", "pk"),
            ),
        )
        .get(pk=pk)
    )
    group.takes_attendance = coordinator or (
        participant is not None and group.supervisor_id == participant.pk
    )
    group.notes = []
    group.noted_sessions = set()
    if group.takes_attendance:
        group.notes = list(
            MeetingNote.objects.filter(group=group)
            .select_related("session")
            .order_by("session__starts_at", "pk")
        )
        group.noted_sessions = {note.session_id for note in group.notes}
        now = timezone.now()
        for meeting in group.meetings.all():
            if meeting.kind != Session.Kind.SUPERVISION or meeting.is_cancelled:
                continue
            meeting.attendance_open = meeting.starts_at <= now
            if not meeting.attendance_open:
                meeting.too_early = attendance_too_early(meeting)
    return group


def supervision_meeting(
    *, group_pk: int, session_pk: int, participant: Participant | None, coordinator: bool
) -> tuple[SupervisionGroup, Session]:
    """One supervision meeting of the group, for the group's supervisor or a coordinator:
    the group, and the session with its programme and venue. Two queries. Raises
    SupervisionGroup.DoesNotExist for anyone else (and for a group of an unpublished
    programme, as on the group's page), Session.DoesNotExist for a session that is not
    one of this group's supervision meetings."""
    groups = SupervisionGroup.objects.all()
    if not coordinator:
        if participant is None:
            raise SupervisionGroup.DoesNotExist
        groups = groups.filter(supervisor=participant, programme__is_published=True)
    group = groups.get(pk=group_pk)
    session = (
        group.meetings.filter(kind=Session.Kind.SUPERVISION)
        .select_related("programme", "venue")
        .get(pk=session_pk)
    )
    return group, session
