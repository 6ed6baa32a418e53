"""The restore drill on real PostgreSQL: a dump of a database with registrations and
outbox rows restores with every table's row count, and on the copy no email that was
unsent at the dump can go out again (it is held for a person)."""

import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command

from notifications.models import Email
from operations.restore import (
    DrillResult,
    drill,
    emails_with_status,
    row_counts,
    run,
    with_database,
)
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump sees only what is committed


def database_url() -> str:
    database = settings.DATABASES["default"]
    return (
        f"postgresql://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


@pytest.fixture
def portal_in_use():
    session = factories.SessionFactory(capacity=2)
    for _ in range(3):
        factories.RegistrationFactory(session=session)
    user = factories.ParticipantFactory().user
    for number, status in enumerate(["queued", "retrying", "sending", "sent", "failed"]):
        Email.objects.create(
            key=f"message:{number}",
            kind=Email.Kind.MESSAGE,
            recipient=user,
            to_email=user.email,
            subject="Melding",
            status=status,
        )


@pytest.fixture
def request_cleanup():
    names = []
    yield names.append
    for name in names:
        run(["dropdb", "--if-exists", f"--maintenance-db={database_url()}", name])


def test_the_copy_has_every_row_and_nothing_sendable(portal_in_use, request_cleanup):
    scratch = f"{settings.DATABASES['default']['NAME']}_drill"
    result = drill(database_url(), scratch, keep=True)
    scratch_url = with_database(database_url(), scratch)
    request_cleanup(scratch)

    assert result.mismatched == {}
    assert result.tables == len(row_counts(database_url())) > 20
    assert row_counts(scratch_url)["participants_registration"] == 3
    assert (result.unsent_before, result.held_after, result.unsent_after) == (3, 3, 0)
    assert result.ok
    assert emails_with_status(scratch_url, ("sent", "failed")) == 2
    assert emails_with_status(database_url(), ("queued", "retrying", "sending")) == 3  # untouched


def test_the_command_prints_its_figures_and_a_json_line(portal_in_use):
    output = io.StringIO()
    call_command("restore_drill", stdout=output)
    figures = json.loads(output.getvalue().splitlines()[-1])
    assert figures["ok"] is True
    assert figures["unsent_before"] == figures["held_after"] == 3


def test_a_drill_is_not_ok_if_a_row_could_be_sent_or_a_count_differs():
    assert not DrillResult(tables=1, rows=1, unsent_before=1, held_after=0, unsent_after=1).ok
    assert not DrillResult(tables=1, rows=1, mismatched={"x": (2, 1)}).ok
    assert DrillResult(tables=1, rows=1, unsent_before=2, held_after=2).ok
