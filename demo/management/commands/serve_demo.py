"""`runserver` for the embedded demo, with the periodic jobs running beside it
(demo/schedule.py). `make run` uses it; production runs gunicorn and one celery beat."""

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands.runserver import Command as RunserverCommand

from demo.schedule import InProcessBeat


class Command(RunserverCommand):
    help = "Serve the embedded demo and run the periodic jobs in-process."

    def handle(self, *args, **options):
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            raise CommandError(
                "serve_demo is for the embedded demo: with CELERY_BROKER_URL set, run "
                "`celery -A familiestotte worker` and exactly one `celery -A familiestotte beat`."
            )
        super().handle(*args, **options)

    def inner_run(self, *args, **options):
        # In the reloader's child, the process that serves: one schedule per server.
        InProcessBeat().start()
        self.stdout.write("Periodic jobs (reminders, digest, retention) run in this process.")
        super().inner_run(*args, **options)
