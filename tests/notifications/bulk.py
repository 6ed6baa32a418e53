"""Many confirmed registrations fast (bulk inserts, no password hashing)."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from participants.models import Organisation, Participant, Registration


def confirmed_registrations(sessions, people: int, *, confirmed_at=None) -> int:
    """`people` participants, each registered and confirmed for every session."""
    confirmed_at = confirmed_at or timezone.now() - dt.timedelta(days=30)
    User = get_user_model()
    organisation, _created = Organisation.objects.get_or_create(
        name="Bulkkommune", defaults={"kind": "municipality", "municipality_number": "3499"}
    )
    start = User.objects.count()
    users = User.objects.bulk_create(
        [
            User(username=f"bulk{start + n}@example.no", email=f"bulk{start + n}@example.no")
            for n in range(people)
        ],
        batch_size=2000,
    )
    participants = Participant.objects.bulk_create(
        [
            Participant(
                user=user,
                full_name=f"Deltaker {start + n}",
                phone="40000000",
                organisation=organisation,
                role=Participant.Role.SERVICE_WORKER,
                job_title="Miljøterapeut",
                calendar_token=f"bulk-token-{start + n}",
            )
            for n, user in enumerate(users)
        ],
        batch_size=2000,
    )
    registrations = Registration.objects.bulk_create(
        [
            Registration(
                participant=participant,
                session=session,
                status=Registration.Status.CONFIRMED,
                confirmed_at=confirmed_at,
            )
            for session in sessions
            for participant in participants
        ],
        batch_size=2000,
    )
    return len(registrations)
