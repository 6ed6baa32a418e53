"""The nightly clean-up of finished jobs and their files."""

from celery import shared_task

from familiestotte import heartbeat

from . import cleanup


@shared_task(acks_late=True, ignore_result=True)
def delete_expired_jobs() -> int:
    """Nightly (beat): delete the jobs kept their day, and their files."""
    deleted = cleanup.delete_expired_jobs()
    heartbeat.beat("progress-delete-expired-jobs")
    return deleted
