"""Celery tasks of the privacy app: thin wrappers that may run twice."""

from celery import shared_task

from familiestotte import heartbeat

from . import retention


@shared_task(acks_late=True, ignore_result=True)
def forget_dietary_needs() -> int:
    """Nightly (beat): clear dietary needs nobody needs any more."""
    cleared = retention.forget_dietary_needs()
    heartbeat.beat("privacy-forget-dietary-needs")
    return cleared


@shared_task(acks_late=True, ignore_result=True)
def apply_retention() -> dict[str, int]:
    """Nightly (beat): anonymise the long inactive and purge old email bodies."""
    report = retention.apply_retention()
    heartbeat.beat("privacy-apply-retention")
    return {
        "people_anonymised": report.people_anonymised,
        "registrations_kept": report.registrations_kept,
        "emails_purged": report.emails_purged,
    }
