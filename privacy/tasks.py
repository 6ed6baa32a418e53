"""Celery tasks of the privacy app: thin wrappers that may run twice."""

from celery import shared_task
from django.utils.translation import gettext as _

from familiestotte import heartbeat
from progress.jobs import Progress, job_task

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


@job_task("privacy.run_retention")
def run_retention(progress: Progress) -> None:
    """The nightly retention job, started by a coordinator and followed on the job's
    page; the same work, equally safe to repeat."""
    report = retention.apply_retention(progress=progress)
    progress.set_message(
        _(
            "Done: %(people)s people anonymised (%(kept)s registrations kept for the "
            "statistics), %(emails)s old email texts deleted."
        )
        % {
            "people": report.people_anonymised,
            "kept": report.registrations_kept,
            "emails": report.emails_purged,
        }
    )
