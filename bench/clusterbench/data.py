"""What the benchmark writes into and reads from the cluster's PostgreSQL, from its own
process (Django set up with the cluster's production environment)."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter

import django


def setup(env: dict[str, str]) -> None:
    os.environ.update(env)
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def people(*, clients: int, capacity: int) -> tuple[int, list[str]]:
    """A training day of `capacity` seats and `clients` people signed in (their session
    cookies, signed with the cluster's secret key and stored as the portal stores them)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

    from participants.models import Organisation, Participant
    from programme.models import Programme, Session

    today = timezone.localdate()
    programme = Programme.objects.create(
        name="Familiestøtte Klynge",
        slug="klynge",
        region="Innlandet",
        starts_on=today,
        ends_on=today + dt.timedelta(days=200),
    )
    starts = timezone.now() + dt.timedelta(days=30)
    session = Session.objects.create(
        programme=programme,
        kind=Session.Kind.TRAINING_DAY,
        number=1,
        title="Opplæringsdag 1 i klyngen",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=6),
        registration_deadline=starts - dt.timedelta(days=7),
        capacity=capacity,
    )
    organisation = Organisation.objects.create(
        name="Klyngekommune", kind=Organisation.Kind.MUNICIPALITY, municipality_number="3407"
    )
    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(username=f"klynge{i}@example.no", email=f"klynge{i}@example.no", password="!")
            for i in range(clients)
        ]
    )
    Participant.objects.bulk_create(
        [
            Participant(
                user=user,
                full_name=f"Klynge Person {i}",
                phone="40000000",
                organisation=organisation,
                role=Participant.Role.SERVICE_WORKER,
                job_title="Miljøterapeut",
                calendar_token=f"klynge-token-{i}",
            )
            for i, user in enumerate(users)
        ]
    )
    cookies = []
    for user in users:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        cookies.append(f"{cookie.key}={cookie.value}")
    return session.pk, cookies


def registrations(session_pk: int) -> Counter[str]:
    from participants.models import Registration

    statuses = Registration.objects.filter(session_id=session_pk).values_list("status", flat=True)
    counts = Counter(statuses)
    people = Registration.objects.filter(session_id=session_pk).values("participant").distinct()
    counts["people"] = people.count()
    return counts


def due_reminders(emails: int) -> int:
    """A session tomorrow morning with `emails` confirmed people: its 1-day reminder is
    due, one email each, recorded and handed out by the next sweep."""
    from django.utils import timezone

    from programme.models import Programme, Session
    from tests.notifications.bulk import confirmed_registrations

    today = timezone.localdate()
    programme = Programme.objects.create(
        name="Påminnelser i klyngen", slug="klynge-paminnelser", region="Innlandet",
        starts_on=today, ends_on=today,
    )  # fmt: skip
    starts = timezone.now() + dt.timedelta(hours=12)
    session = Session.objects.create(
        programme=programme,
        kind=Session.Kind.TRAINING_DAY,
        number=1,
        title="Opplæringsdag med påminnelse",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=6),
        registration_deadline=starts - dt.timedelta(days=2),
        capacity=emails,
    )
    return confirmed_registrations([session], emails)


def unfinished(kind: str | None = None) -> int:
    """Outbox rows not yet sent, failed or held."""
    from notifications.models import Email

    rows = Email.objects.filter(status__in=["queued", "retrying", "sending"])
    return rows.filter(kind=kind).count() if kind else rows.count()


def outbox(kind: str) -> list[tuple[str, str, str]]:
    """(key, status, last error) of every row of this kind."""
    from notifications.models import Email

    return list(Email.objects.filter(kind=kind).values_list("key", "status", "last_error"))


def close_connections() -> None:
    from django.db import connections

    connections.close_all()
