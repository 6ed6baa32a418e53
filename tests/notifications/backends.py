"""A locmem email backend that refuses the first sends and counts connections opened."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    errors: list[Exception] = []  # raised one per send, in order, before sends succeed
    opened = 0

    def open(self):
        type(self).opened += 1
        return True

    def send_messages(self, messages):
        if type(self).errors:
            raise type(self).errors.pop(0)
        return super().send_messages(messages)


def temporary():
    return smtplib.SMTPDataError(451, b"4.3.0 Try again later")


def permanent():
    return smtplib.SMTPRecipientsRefused({"x@example.no": (550, b"5.1.1 No such user")})
