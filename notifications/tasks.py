"""Celery tasks: thin wrappers that take ids, call the outbox code, and may run twice."""

from celery import shared_task

from . import services
from .sending import send_batch


@shared_task(acks_late=True, ignore_result=True)
def send_emails(email_ids: list[int]) -> dict:
    """Send these outbox rows (one SMTP connection); reschedule temporary failures."""
    result = send_batch(list(email_ids))
    for countdown, ids in result.retry.items():
        send_emails.apply_async((ids,), countdown=countdown)
    return {"sent": len(result.sent), "failed": len(result.failed), "skipped": len(result.skipped)}


@shared_task(acks_late=True, ignore_result=True)
def dispatch_pending_emails() -> int:
    """Queued by services.dispatch_soon: hand out the rows committed since the last run."""
    # Closed first: a row committed from now on queues a new task, so none is missed.
    # (With eager tasks, as in the embedded default, this runs in the web process, whose
    # memory of the window it also clears.)
    services.DispatchWindow.close()
    return services.dispatch_pending()


@shared_task(acks_late=True, ignore_result=True)
def sweep_reminders() -> int:
    """Every two minutes (beat): record due reminders, fail interrupted rows, and hand
    out undispatched and lost rows."""
    return services.sweep_reminders()


@shared_task(acks_late=True, ignore_result=True)
def send_leader_digests() -> int:
    """Monday mornings (beat): one digest per confirmed leader, once per ISO week."""
    return services.create_leader_digests()
