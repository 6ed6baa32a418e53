"""`make run` serves with `serve_demo`: on the embedded SQLite default a reminder that is
due appears on the console without a broker, a worker or a beat."""

import email.header
import re

from .processes import load_demo, manage, runserver, stop, wait_for_output

DUE_REMINDER = """
import datetime as dt
from django.utils import timezone
from participants.models import Participant, Registration
from programme.models import Programme, Session
worker = Participant.objects.get(user__email="tjenesteutover@example.no")
starts = timezone.now() + dt.timedelta(hours=12)
session = Session.objects.create(
    programme=Programme.objects.first(), kind=Session.Kind.TRAINING_DAY, title="Schedule check",
    starts_at=starts, ends_at=starts + dt.timedelta(hours=6), capacity=10,
    registration_deadline=starts - dt.timedelta(days=1),
)
long_ago = timezone.now() - dt.timedelta(days=3)
registration = Registration.objects.create(
    participant=worker, session=session, status=Registration.Status.CONFIRMED,
    confirmed_at=long_ago,
)
Registration.objects.filter(pk=registration.pk).update(created_at=long_ago)
"""


def test_a_due_reminder_is_printed_by_the_in_process_schedule(sqlite_env, tmp_path):
    load_demo(sqlite_env)
    manage("shell", "-c", DUE_REMINDER, env=sqlite_env)
    log = tmp_path / "server.log"
    _base, server = runserver(sqlite_env, log=log, command_name="serve_demo")
    try:
        output = wait_for_output(log, "To: tjenesteutover@example.no", server)
    finally:
        stop(server)
    subject = re.search(r"^Subject: (.+)$", output, re.MULTILINE).group(1)
    decoded = str(email.header.make_header(email.header.decode_header(subject)))
    assert decoded.startswith("Påminnelse: Schedule check, ")
    assert "Periodic jobs (reminders, digest, retention) run in this process." in output
