"""Celery app, configured from Django settings under the CELERY_ namespace.

Run against Redis with `celery -A familiestotte worker` and `celery -A familiestotte beat`.
Without CELERY_BROKER_URL (make run) tasks run eagerly in the web process.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "familiestotte.settings")

app = Celery("familiestotte")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Times are Europe/Oslo (CELERY_TIMEZONE). Reminders are never scheduled as ETA tasks at
# registration time: the sweep selects what is due from PostgreSQL every few minutes.
app.conf.beat_schedule = {
    "notifications-sweep-reminders": {
        "task": "notifications.tasks.sweep_reminders",
        "schedule": 120.0,
    },
    "notifications-requeue-stale": {
        "task": "notifications.tasks.requeue_stale",
        "schedule": 300.0,
    },
    "notifications-leader-digest": {
        "task": "notifications.tasks.send_leader_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
}
