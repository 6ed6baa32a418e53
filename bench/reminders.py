"""Benchmark: drain 20,000 due reminders through one Celery worker to a local SMTP sink.

    CELERY_BROKER_URL=redis://127.0.0.1:6379/4 .venv/bin/python bench/reminders.py

Uses its own PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/fs_bench_reminders, dropped and re-created), one
`celery -A familiestotte worker --pool=prefork -c 2` on a queue of its own, and an
aiosmtpd sink on 127.0.0.1. The clock runs from the reminder sweep (which records the
20,000 outbox rows and hands them out) until the sink has every email. Prints the time,
emails per second, SMTP connections opened and duplicates the sink saw, then one JSON line.
"""

import datetime as dt
import json
import os
import sys
import time
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fs_bench_reminders"
)
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/4")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "familiestotte.settings")
QUEUE = f"bench-reminders-{uuid.uuid4().hex[:8]}"
os.environ["CELERY_TASK_DEFAULT_QUEUE"] = QUEUE

SESSIONS = 10
PEOPLE = 2_000  # each registered for every session: 20,000 confirmed registrations
TIMEOUT = 600
# Pool processes of the one worker: more than the 2 cores, so one waits on PostgreSQL or
# SMTP while another renders.
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))


def loadavg() -> str:
    """The machine's load: other test suites share the 2 cores and PostgreSQL."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def setup_data() -> int:
    from django.core.management import call_command
    from django.utils import timezone

    from programme.models import Programme, Session
    from tests.notifications.bulk import confirmed_registrations

    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    programme = Programme.objects.create(
        name="Benchmark", slug="benchmark", region="Innlandet", starts_on=today, ends_on=today
    )
    starts_at = timezone.now() + dt.timedelta(hours=12)  # the 1-day reminder is due now
    sessions = [
        Session.objects.create(
            programme=programme,
            kind=Session.Kind.TRAINING_DAY,
            number=n + 1,
            title=f"Opplæringsdag {n + 1}",
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=6),
            registration_deadline=starts_at - dt.timedelta(days=2),
            capacity=PEOPLE,
        )
        for n in range(SESSIONS)
    ]
    return confirmed_registrations(sessions, PEOPLE)


def main():
    from tests.foundation.standalone import recreate_database

    recreate_database(DATABASE_URL)
    import django

    django.setup()
    import redis
    from django.db.models import Count

    from notifications.models import Email
    from reminders.session_reminders import sweep_reminders
    from tests.notifications.sink import SmtpSink
    from tests.notifications.worker import Worker

    reminders = setup_data()
    print(f"{reminders} confirmed registrations with a reminder due", flush=True)

    server = SmtpSink()
    with server as sink:
        env = {
            # As in production: no per-query debug bookkeeping in the worker.
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or uuid.uuid4().hex * 2,
            "DATABASE_URL": DATABASE_URL,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(server.port),
        }
        worker = Worker(queue=QUEUE, env=env, concurrency=CONCURRENCY).start()
        try:
            load_before = loadavg()
            started = time.monotonic()
            sweep_reminders()
            recorded = time.monotonic() - started
            while time.monotonic() - started < TIMEOUT and len(sink.received()) < reminders:
                time.sleep(0.02)
            seconds = time.monotonic() - started
            load_after = loadavg()
            time.sleep(1)  # room for a late duplicate to show up
        finally:
            worker.stop()
        delivered = len(set(sink.received()))
        duplicates = sink.duplicates()
        connections = sink.connections

    statuses = dict(Email.objects.values_list("status").annotate(n=Count("pk")))
    redis.Redis.from_url(os.environ["CELERY_BROKER_URL"]).delete(QUEUE)
    per_s = delivered / seconds if seconds else 0.0
    print(f"recorded and handed out in {recorded:.2f} s")
    print(f"drained {delivered} of {reminders} reminders in {seconds:.2f} s ({per_s:.0f} emails/s)")
    print(f"SMTP connections opened: {connections} (one worker, {CONCURRENCY} pool processes)")
    print(f"duplicates seen by the sink: {duplicates}")
    print(f"outbox statuses: {statuses}")
    print(f"load average (1, 5, 15 min) at start: {load_before}, at end: {load_after}")
    print(
        json.dumps(
            {
                "reminders": reminders,
                "delivered": delivered,
                "duplicates": duplicates,
                "seconds": round(seconds, 2),
                "per_s": round(per_s, 1),
                "smtp_connections": connections,
            }
        )
    )


if __name__ == "__main__":
    main()
