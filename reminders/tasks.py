"""Celery tasks of the scheduled emails: thin wrappers that may run twice (every email
has a key that the outbox records once). Scheduled in familiestotte/celery.py."""

from celery import shared_task

from . import digest, report_due, session_reminders


@shared_task(acks_late=True, ignore_result=True)
def sweep_reminders() -> int:
    """Every two minutes: record due reminders, fail interrupted rows, and hand out
    undispatched and lost rows."""
    return session_reminders.sweep_reminders()


@shared_task(autoretry_for=(Exception,), max_retries=3, retry_backoff=60)
def send_report_due_reminders() -> int:
    """Daily: remind leaders whose organisation's progress report is due."""
    return report_due.send_report_due_reminders()


@shared_task(acks_late=True, ignore_result=True)
def send_leader_digests() -> int:
    """Monday mornings: one digest per confirmed leader, once per ISO week."""
    return digest.create_leader_digests()
