"""Emails about registrations. The one entry point other apps call.

First version: sends a short plain-text email after the transaction commits, so a
rolled-back registration sends nothing. Issue 4 replaces the body of
`queue_registration_email` with the outbox (recorded, exactly once, retried) and
keeps its signature.
"""

from django.core.mail import send_mail
from django.db import transaction


class RegistrationEmail:
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    PROMOTED = "promoted"
    CANCELLED = "cancelled"


SUBJECTS = {
    RegistrationEmail.CONFIRMED: "Du er påmeldt: {session}",
    RegistrationEmail.WAITLISTED: "Du står på venteliste: {session}",
    RegistrationEmail.PROMOTED: "Du har fått plass: {session}",
    RegistrationEmail.CANCELLED: "Avmelding mottatt: {session}",
}


def queue_registration_email(*, registration, kind: str) -> None:
    """Tell the registration's participant what happened, once the transaction commits."""
    registration_id = registration.pk

    def send():
        from participants.models import Registration

        reg = Registration.objects.select_related("participant__user", "session").get(
            pk=registration_id
        )
        subject = SUBJECTS[kind].format(session=reg.session.title)
        send_mail(subject, subject, None, [reg.participant.user.email])

    transaction.on_commit(send)
