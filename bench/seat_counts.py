"""Benchmark: the coordinator's seat counts at national size (150,000 registrations over
20 programmes of 30 sessions, 8,000 people).

    .venv/bin/python bench/seat_counts.py

Uses its own PostgreSQL database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/fs_bench_seat_counts, dropped and re-created). Times
the reads of `/koordinator/` in-process, median of 15 after a warm-up: the earlier
COUNT(DISTINCT ...) over sessions joined to their registrations
(SessionQuerySet.with_seat_counts) against coordination.selectors.programmes_with_sessions
(one grouped count over the (session, status, waitlisted_at) index), checks both give the
same counts, and times the start page's selectors (coordination.todo). Ends with one
JSON line.
"""

import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BASE_DIR))

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fs_bench_seat_counts"
)
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-seat-counts")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "familiestotte.settings")

PROGRAMMES, SESSIONS, PEOPLE, PER_SESSION, CAPACITY = 20, 30, 8_000, 250, 200
RUNS = 15


def recreate_database() -> None:
    import psycopg2

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(DATABASE_URL.replace(parts.path, "/postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def setup_data() -> int:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from participants.models import Organisation, Participant, Registration
    from programme.models import Programme, Session

    call_command("migrate", verbosity=0)
    user_model = get_user_model()
    organisation = Organisation.objects.create(
        name="Benchkommune", kind="municipality", municipality_number="3401"
    )
    users = user_model.objects.bulk_create(
        [user_model(username=f"b{i}@example.no", email=f"b{i}@example.no") for i in range(PEOPLE)]
    )
    people = Participant.objects.bulk_create(
        [
            Participant(
                user=user,
                full_name=f"Person {user.pk}",
                phone="40000000",
                organisation=organisation,
                role="service_worker",
                job_title="Miljøterapeut",
                calendar_token=f"bench-{user.pk}",
            )
            for user in users
        ]
    )
    now = timezone.now()
    sessions = []
    for p in range(PROGRAMMES):
        programme = Programme.objects.create(
            name=f"Bench {p}",
            slug=f"bench-{p}",
            region="Innlandet",
            starts_on=now.date(),
            ends_on=now.date() + dt.timedelta(days=200),
        )
        for s in range(SESSIONS):
            starts_at = now + dt.timedelta(days=s + p + 1)
            sessions.append(
                Session(
                    programme=programme,
                    kind="event",
                    title=f"Samling {s}",
                    starts_at=starts_at,
                    ends_at=starts_at + dt.timedelta(hours=6),
                    registration_deadline=starts_at,
                    capacity=CAPACITY,
                )
            )
    sessions = Session.objects.bulk_create(sessions)
    rng = random.Random(1)
    registrations = []
    for session in sessions:
        for i, person in enumerate(rng.sample(people, PER_SESSION)):
            status = "confirmed" if i < CAPACITY else rng.choice(["waitlisted", "cancelled"])
            registrations.append(
                Registration(
                    participant=person,
                    session=session,
                    status=status,
                    waitlisted_at=now if status == "waitlisted" else None,
                )
            )
    Registration.objects.bulk_create(registrations, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return len(registrations)


def timed(read) -> float:
    read()
    runs = []
    for _ in range(RUNS):
        started = time.perf_counter()
        read()
        runs.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(runs), 1)


def main() -> None:
    recreate_database()
    import django

    django.setup()
    from django.db.models import Prefetch

    from coordination import todo
    from coordination.selectors import programmes_with_sessions
    from programme.models import Programme, Session

    registrations = setup_data()

    def joined_distinct():
        return list(
            Programme.objects.order_by("-starts_on", "name").prefetch_related(
                Prefetch(
                    "sessions",
                    queryset=Session.objects.select_related("venue")
                    .with_seat_counts()
                    .order_by("starts_at", "pk"),
                    to_attr="coordinator_sessions",
                )
            )
        )

    def counts(programmes):
        return {
            s.pk: (s.confirmed_count, s.waitlisted_count)
            for p in programmes
            for s in p.coordinator_sessions
        }

    assert counts(joined_distinct()) == counts(programmes_with_sessions()), "counts differ"
    result = {
        "registrations": registrations,
        "sessions": PROGRAMMES * SESSIONS,
        "joined_distinct_ms": timed(joined_distinct),
        "grouped_count_ms": timed(programmes_with_sessions),
        "start_page_filling_ms": timed(todo.sessions_filling_up),
        "start_page_key_numbers_ms": timed(todo.key_numbers),
    }
    for name, value in result.items():
        print(f"{name}: {value}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
