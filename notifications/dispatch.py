"""Handing outbox rows to the workers, and the tasks that send them.

Everything that records an email calls `dispatch_soon` (or, for rows a sweep has just
claimed, `dispatch`) in its transaction; the rows are handed over once it commits, so
a rolled-back change sends nothing. The tasks are defined here, beside the code that
queues them; `send_emails` sends a batch (notifications.sending). Rows a worker never
took, or lost, are handed out again by `requeue_stale`, which the reminder sweep runs
every two minutes (reminders.tasks).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Sequence
from typing import TypeVar

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Email
from .sending import send_batch

T = TypeVar("T")


def chunks(items: Sequence[T], size: int) -> Iterable[list[T]]:
    """`items` in lists of at most `size`."""
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def dispatch(ids: list[int]) -> None:
    """Queue send tasks for these rows once the current transaction commits.

    For the rows a sweep has just claimed (dispatch_pending, the reminder sweep);
    everything else records rows undispatched and calls `dispatch_soon`.
    """
    if not ids:
        return
    ids = list(ids)

    def send() -> None:
        for chunk in chunks(ids, settings.NOTIFICATIONS_BATCH_SIZE):
            send_emails.delay(chunk)

    transaction.on_commit(send)


DISPATCH_PENDING_KEY = "notifications:dispatch-pending"


class DispatchWindow:
    """The dispatch window, shared through the cache and remembered by each process, so
    that a rush does not ask the cache on every commit: once this process has seen the
    window's key (set by it or by another), the task that key stands for is due at least
    one window later, so commits until then leave their rows to it without asking."""

    known_until = 0.0  # time.monotonic()

    @classmethod
    def claim(cls, window: float) -> bool:
        """True for the one commit in a window (in every process) that queues the task."""
        now = time.monotonic()
        if now < cls.known_until:
            return False
        # The key, set now or up to one window ago, stands for a task due at least two
        # windows after it was set: one window from now or later.
        cls.known_until = now + window
        return cache.add(DISPATCH_PENDING_KEY, True, timeout=window)

    @classmethod
    def close(cls) -> None:
        """The task has started: a row committed from now on queues a new one."""
        cache.delete(DISPATCH_PENDING_KEY)
        cls.forget()

    @classmethod
    def forget(cls) -> None:
        cls.known_until = 0.0


def dispatch_soon() -> None:
    """After commit, make sure a worker hands out the new rows within a few seconds.

    For every email recorded with dispatched_at NULL (registration emails, `queue_email`,
    session changes, re-queued failures). During a rush every registration commits its
    own row; a task message for each would cost the web process dearly
    (bench/HISTORY.md, «Why the hot paths are hand-made»). Instead the first commit in a window of
    NOTIFICATIONS_DISPATCH_WINDOW seconds queues one dispatch_pending task, due two
    windows later; commits that find the window's cache key leave their rows to it.
    A row committed while the key stands is thus older than the task that claims it,
    even with a cache local to each process. The periodic sweep is the safety net.
    """
    window = settings.NOTIFICATIONS_DISPATCH_WINDOW

    def queue() -> None:
        if DispatchWindow.claim(window):
            dispatch_pending_emails.apply_async(countdown=2 * window)

    # robust: the change has committed; if the broker is down it stands, and the
    # periodic sweep sends its email.
    transaction.on_commit(queue, robust=True)


def dispatch_pending(*, now: dt.datetime | None = None, limit: int = 50_000) -> int:
    """Hand undispatched rows to workers; re-hand rows a worker never finished.

    Claimed with SELECT ... FOR UPDATE SKIP LOCKED, so two sweeps at once split the
    rows between them; even if a row were handed out twice, the send task's
    conditional UPDATE sends it once.
    """
    now = now or timezone.now()
    stale = now - dt.timedelta(seconds=settings.NOTIFICATIONS_REQUEUE_AFTER)
    never_dispatched = Q(status=Email.Status.QUEUED, dispatched_at__isnull=True)
    lost = Q(status=Email.Status.QUEUED, dispatched_at__lt=stale)
    retry_lost = Q(status=Email.Status.RETRYING, next_attempt_at__lt=stale)
    with transaction.atomic():
        ids = list(
            Email.objects.select_for_update(skip_locked=True)
            .filter(never_dispatched | lost | retry_lost)
            .order_by("pk")
            .values_list("pk", flat=True)[:limit]
        )
        Email.objects.filter(pk__in=ids).update(dispatched_at=now)
        dispatch(ids)
    return len(ids)


def fail_interrupted(*, now: dt.datetime | None = None) -> int:
    """Rows left in 'sending' by a worker that died: delivery unknown, so never resent.

    A worker killed between the SMTP server's "250 OK" and its own UPDATE leaves a row
    in 'sending' that may or may not have been delivered. Sending it again could send
    it twice, so it is marked failed with a clear error instead; a coordinator sees it
    in the admin and re-queues it if the person did not get it.
    """
    now = now or timezone.now()
    stale = now - dt.timedelta(seconds=settings.NOTIFICATIONS_SENDING_TIMEOUT)
    return Email.objects.filter(status=Email.Status.SENDING, sending_started_at__lt=stale).update(
        status=Email.Status.FAILED,
        last_error=_(
            "Interrupted while sending: the worker stopped before it knew whether the "
            "server accepted the email. Re-queue it if the person did not receive it."
        ),
    )


def requeue_stale(*, now: dt.datetime | None = None) -> int:
    """The safety net the sweep ends with: interrupted rows fail visibly, undispatched
    and lost rows are handed out."""
    fail_interrupted(now=now)
    return dispatch_pending(now=now)


def requeue_failed(*, ids: Iterable[int]) -> int:
    """A coordinator's second chance for failed emails (the admin action)."""
    with transaction.atomic():
        claimed = list(
            Email.objects.select_for_update()
            # A row whose content the retention job deleted has nothing left to send.
            .filter(pk__in=list(ids), status=Email.Status.FAILED, purged_at__isnull=True)
            .values_list("pk", flat=True)
        )
        Email.objects.filter(pk__in=claimed).update(
            status=Email.Status.QUEUED, attempts=0, next_attempt_at=None, dispatched_at=None
        )
        if claimed:
            dispatch_soon()
    return len(claimed)


# Unsent when a backup was taken: after restoring it, none of these may go out blindly.
UNSENT = (Email.Status.QUEUED, Email.Status.RETRYING, Email.Status.SENDING)


def hold_unsent() -> int:
    """After a database restore, before any worker starts: every unsent row is held. The
    backup does not know what was sent after it was taken, so a person decides."""
    return Email.objects.filter(status__in=UNSENT).update(
        status=Email.Status.HELD, dispatched_at=None, next_attempt_at=None
    )


def release_held(*, ids: Iterable[int]) -> int:
    """A person's decision that these held rows were not sent: they go out now."""
    with transaction.atomic():
        released = Email.objects.filter(pk__in=list(ids), status=Email.Status.HELD).update(
            status=Email.Status.QUEUED, attempts=0, dispatched_at=None
        )
        if released:
            dispatch_soon()
    return released


# -- the tasks ---------------------------------------------------------------------------


@shared_task(name="notifications.send_emails", acks_late=True, ignore_result=True)
def send_emails(email_ids: list[int]) -> dict[str, int]:
    """Send these outbox rows (one SMTP connection); reschedule temporary failures."""
    result = send_batch(list(email_ids))
    for countdown, ids in result.retry.items():
        send_emails.apply_async((ids,), countdown=countdown)
    return {"sent": len(result.sent), "failed": len(result.failed), "skipped": len(result.skipped)}


@shared_task(name="notifications.dispatch_pending_emails", acks_late=True, ignore_result=True)
def dispatch_pending_emails() -> int:
    """Queued by dispatch_soon: hand out the rows committed since the last run."""
    # Closed first: a row committed from now on queues a new task, so none is missed.
    # (With eager tasks, as in the embedded default, this runs in the web process, whose
    # memory of the window it also clears.)
    DispatchWindow.close()
    return dispatch_pending()
