"""Celery tasks of the privacy app: thin wrappers that may run twice."""

from celery import shared_task

from . import retention


@shared_task(acks_late=True, ignore_result=True)
def forget_dietary_needs() -> int:
    """Nightly (beat): clear dietary needs nobody needs any more."""
    return retention.forget_dietary_needs()
