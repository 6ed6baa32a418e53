"""Inviting to a follow-up network meeting with one action: everyone who attended at
least one training day of a chosen programme (or of its chosen organisations), each
person once however often the invitation is sent, through the outbox. Invitees register
on the session's page as for any session."""

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from notifications.models import Email
from participants.models import Organisation, Participant, Registration
from programme.models import Programme, Session

from .message_preview import render_for
from .messages import CoordinatorMessage, _Addressee, _record_messages, record_in_audit_log


def past_participants(
    *, session: Session, programme: Programme, organisations: list[Organisation] | None = None
) -> QuerySet[Participant]:
    """Who attended at least one training day of `programme` (of `organisations`, if
    given), each once, leaving out those already registered for `session`."""
    attended = Registration.objects.filter(
        participant=OuterRef("pk"),
        session__programme=programme,
        session__kind=Session.Kind.TRAINING_DAY,
        attended=True,
    )
    registered = Registration.objects.live().filter(participant=OuterRef("pk"), session=session)
    people = Participant.objects.filter(Exists(attended), anonymised_at__isnull=True).exclude(
        Exists(registered)
    )
    if organisations:
        people = people.filter(organisation__in=organisations)
    return people.select_related("user", "organisation").order_by("full_name", "pk")


def invitation_key(session: Session, person: Participant) -> str:
    """The same for every invitation to the session: a person is invited once."""
    return f"{Email.Kind.MESSAGE}:invitation:session:{session.pk}:person:{person.pk}"


def reason(programme: Programme) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _(
            "You get this email because you attended at least one training day of "
            "%(programme)s in Familiestøtte."
        ) % {"programme": programme.name}


def preview(
    *, session: Session, programme: Programme, message: CoordinatorMessage, person: Participant
) -> tuple[str, str]:
    """The email as `person` would receive it: subject and text, footer included."""
    return render_for(
        message, person=person, url=session.get_absolute_url(), reason=reason(programme)
    )


def invite(
    *,
    session: Session,
    programme: Programme,
    organisations: list[Organisation] | None,
    message: CoordinatorMessage,
) -> int:
    """Queue the invitation for everyone not invited yet; returns how many new people it
    reaches (those invited before get nothing again)."""
    with transaction.atomic():
        people = list(
            past_participants(session=session, programme=programme, organisations=organisations)
        )
        text = reason(programme)
        addressees = [_Addressee(invitation_key(session, p), p, text) for p in people]
        url = session.get_absolute_url()
        recorded = _record_messages(message, addressees, url=url, session=session)
        record_in_audit_log(message, obj=session, recipients=recorded)
    return recorded


def not_yet_invited(session: Session, people: list[Participant]) -> list[Participant]:
    """Those of `people` the session's invitation has not reached yet (one query)."""
    keys = {invitation_key(session, person): person for person in people}
    sent = set(Email.objects.filter(key__in=list(keys)).values_list("key", flat=True))
    return [person for key, person in keys.items() if key not in sent]
