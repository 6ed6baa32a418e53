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


def queue_email(*, recipient, kind: str, key: str, template_prefix: str, context: dict) -> None:
    """Send one templated email to a user after commit; `key` names it uniquely.

    Templates: `<template_prefix>_subject.txt`, `<template_prefix>.txt` and
    `<template_prefix>.html`. The same `key` must never reach a person twice: issue 4
    makes that hold with the outbox; this first version only defers to commit.
    """
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string

    def send():
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        message = EmailMultiAlternatives(
            subject, render_to_string(f"{template_prefix}.txt", context), None, [recipient.email]
        )
        html = render_to_string(f"{template_prefix}.html", context)
        message.attach_alternative(html, "text/html")
        message.send()

    transaction.on_commit(send)
