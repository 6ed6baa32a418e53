"""Writing the supervisor's note from a meeting: one note per group and meeting, kept
with who changed it last and when."""

from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone

from programme.models import Session
from resourcegroups.models import SupervisionGroup

from .models import MeetingNote


def note_for(group: SupervisionGroup, session: Session) -> MeetingNote | None:
    return MeetingNote.objects.filter(group=group, session=session).first()


def save_note(
    *, group: SupervisionGroup, session: Session, text: str, by: User | AnonymousUser
) -> MeetingNote:
    note, _created = MeetingNote.objects.update_or_create(
        group=group,
        session=session,
        defaults={
            "text": text,
            "written_by": by if by.is_authenticated else None,
            "updated_at": timezone.now(),
        },
    )
    return note
