"""Periodic jobs of the resource-group app. Schedule with Celery beat:

    "report-due-reminders": {
        "task": "resourcegroups.tasks.send_report_due_reminders",
        "schedule": crontab(hour=7, minute=0),  # daily, Europe/Oslo
    }

Safe to run twice: every email has a key (leader, organisation, gathering) that the
notifications outbox sends only once.
"""

from celery import shared_task

from . import services


@shared_task(
    name="resourcegroups.tasks.send_report_due_reminders",
    autoretry_for=(Exception,),
    max_retries=3,
    retry_backoff=60,
)
def send_report_due_reminders() -> int:
    return services.send_report_due_reminders()
