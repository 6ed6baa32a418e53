"""After a restore, emails that were unsent in the backup are held (manage.py
hold_outbox): no sweep sends them, a person releases them in the admin, once."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from notifications.dispatch import hold_unsent, release_held, requeue_stale
from notifications.models import Email
from tests import factories


def outbox_row(status, key, **fields):
    user = factories.ParticipantFactory().user
    return Email.objects.create(
        key=key,
        kind=Email.Kind.MESSAGE,
        recipient=user,
        to_email=user.email,
        subject="Melding fra koordinator",
        body_text="Hei",
        status=status,
        **fields,
    )


@pytest.fixture
def outbox(db):
    long_ago = timezone.now() - dt.timedelta(hours=2)
    return {
        "queued": outbox_row(Email.Status.QUEUED, "notice:1"),
        "lost": outbox_row(Email.Status.QUEUED, "notice:2", dispatched_at=long_ago),
        "retrying": outbox_row(Email.Status.RETRYING, "notice:3", next_attempt_at=long_ago),
        "sending": outbox_row(Email.Status.SENDING, "notice:4", sending_started_at=long_ago),
        "sent": outbox_row(Email.Status.SENT, "notice:5", sent_at=long_ago),
        "failed": outbox_row(Email.Status.FAILED, "notice:6"),
    }


def statuses():
    return dict(Email.objects.order_by("key").values_list("key", "status"))


def test_every_unsent_row_is_held_and_sent_and_failed_rows_stay(outbox):
    assert hold_unsent() == 4
    assert statuses() == {
        "notice:1": "held",
        "notice:2": "held",
        "notice:3": "held",
        "notice:4": "held",
        "notice:5": "sent",
        "notice:6": "failed",
    }


def test_the_sweep_sends_nothing_held(outbox, mailoutbox, django_capture_on_commit_callbacks):
    call_command("hold_outbox", stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        requeue_stale(now=timezone.now() + dt.timedelta(hours=1))
    assert mailoutbox == []
    assert set(statuses().values()) == {"held", "sent", "failed"}


def test_without_holding_the_sweep_would_send_them_again(
    outbox, mailoutbox, django_capture_on_commit_callbacks
):
    """The control: what a restore without `hold_outbox` would do."""
    with django_capture_on_commit_callbacks(execute=True):
        requeue_stale(now=timezone.now() + dt.timedelta(hours=1))
    assert len(mailoutbox) >= 2


def test_a_person_releases_held_rows_and_each_goes_out_once(
    outbox, mailoutbox, django_capture_on_commit_callbacks
):
    hold_unsent()
    chosen = [outbox["queued"].pk, outbox["sending"].pk, outbox["sent"].pk]
    with django_capture_on_commit_callbacks(execute=True):
        assert release_held(ids=chosen) == 2  # the sent row is not held: untouched
    with django_capture_on_commit_callbacks(execute=True):
        assert release_held(ids=chosen) == 0  # a second click sends nothing more
    assert sorted(email.extra_headers["X-Familiestotte-Key"] for email in mailoutbox) == [
        "notice:1",
        "notice:4",
    ]
