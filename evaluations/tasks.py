"""The hourly job of the evaluations (scheduled in familiestotte/celery.py): invitations
after sessions that have ended, and the one reminder. Safe to run twice: every email has
a key the outbox records once."""

from celery import shared_task

from familiestotte import heartbeat

from . import services


@shared_task(acks_late=True, ignore_result=True)
def send_evaluation_emails() -> tuple[int, int]:
    sent = services.send_evaluation_emails()
    heartbeat.beat("evaluations-emails")
    return sent
