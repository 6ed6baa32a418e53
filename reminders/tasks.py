"""Celery tasks of the scheduled emails: thin wrappers that may run twice (every email
has a key that the outbox records once). Scheduled in familiestotte/celery.py; each
writes its heartbeat (under its schedule name) when it has done its work."""

from celery import shared_task

from familiestotte import heartbeat

from . import digest, report_due, session_reminders


@shared_task(acks_late=True, ignore_result=True)
def sweep_reminders() -> int:
    """Every two minutes: record due reminders, fail interrupted rows, and hand out
    undispatched and lost rows."""
    handed_out = session_reminders.sweep_reminders()
    heartbeat.beat("reminders-sweep")
    return handed_out


@shared_task(autoretry_for=(Exception,), max_retries=3, retry_backoff=60)
def send_report_due_reminders() -> int:
    """Daily: remind leaders whose organisation's progress report is due."""
    sent = report_due.send_report_due_reminders()
    heartbeat.beat("reminders-report-due")
    return sent


@shared_task(acks_late=True, ignore_result=True)
def send_leader_digests() -> int:
    """Monday mornings: one digest per confirmed leader, once per ISO week."""
    created = digest.create_leader_digests()
    heartbeat.beat("reminders-leader-digest")
    return created
