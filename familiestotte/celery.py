"""Celery app, configured from Django settings under the CELERY_ namespace.

Run against Redis with `celery -A familiestotte worker` and `celery -A familiestotte beat`.
Without CELERY_BROKER_URL (make run) tasks run eagerly in the web process.
"""

import logging
import os

from celery import Celery
from celery.schedules import crontab

from . import tasklog  # noqa: F401 - one log line per task, with its request id

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "familiestotte.settings")

logger = logging.getLogger(__name__)

app = Celery("familiestotte")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Times are Europe/Oslo (CELERY_TIMEZONE). Reminders are never scheduled as ETA tasks at
# registration time: the sweep selects what is due from PostgreSQL every few minutes, and
# then re-queues what a worker lost (notifications.dispatch.requeue_stale).
# The sweep's interval is shortened only by the cluster benchmark (bench/cluster.py), whose
# killed worker's emails must be re-queued within seconds, not minutes.
SWEEP_SECONDS = float(os.environ.get("REMINDERS_SWEEP_SECONDS") or 120)
app.conf.beat_schedule = {
    "reminders-sweep": {
        "task": "reminders.tasks.sweep_reminders",
        "schedule": SWEEP_SECONDS,
    },
    "reminders-report-due": {
        "task": "reminders.tasks.send_report_due_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    "privacy-forget-dietary-needs": {
        "task": "privacy.tasks.forget_dietary_needs",
        "schedule": crontab(hour=3, minute=30),
    },
    # After the night's backup (02.00, README «Backups») and the dietary clearing.
    "privacy-apply-retention": {
        "task": "privacy.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=45),
    },
    # Hourly: invitations after training days and leader gatherings that ended, and the
    # one reminder three days later.
    "evaluations-emails": {
        "task": "evaluations.tasks.send_evaluation_emails",
        "schedule": crontab(minute=20),
    },
    # Nightly: finished jobs (exports, messages to a programme) and their files, a day on.
    "progress-delete-expired-jobs": {
        "task": "progress.tasks.delete_expired_jobs",
        "schedule": crontab(hour=3, minute=45),
    },
    "reminders-leader-digest": {
        "task": "reminders.tasks.send_leader_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
}


def connect_producer() -> None:
    """Bind the tasks and open this process's broker connection before the first
    request needs them.

    A web worker's first task message otherwise pays for binding every task,
    importing the Redis transport and connecting, in the middle of someone's request
    (bench/HISTORY.md, «Why the hot paths are hand-made»). A broker that is down now is
    no reason to refuse to serve pages: the first message connects (and the outbox
    sweep sends what it could not).
    """
    if app.conf.task_always_eager:
        return
    app.finalize(auto=True)
    app.backend  # noqa: B018 - resolves the result backend once, as a first send would
    try:
        with app.producer_or_acquire() as producer:
            producer.connection.ensure_connection(max_retries=1)
            for queue in app.amqp.queues.values():
                producer.maybe_declare(queue)
    except Exception:  # noqa: BLE001 - logged; the request path retries
        logger.warning("Could not connect to the Celery broker at start-up", exc_info=True)
