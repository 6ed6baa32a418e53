"""The periodic jobs, run in the web process for the embedded demo (`make run`).

In production one `celery beat` queues them for the workers. The embedded default has
no broker and no beat, so without this a new user would never see a reminder or a
digest. This runs the same schedule (familiestotte/celery.py) in a thread beside the
development server, each job in-process as the eager tasks run. Interval jobs (the
reminder sweep) run once at start and then on their interval; clock-time jobs (the
digest, report-due reminders, retention) at their next clock time.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass

from celery.schedules import BaseSchedule
from celery.schedules import schedule as interval_schedule
from django.db import close_old_connections

from familiestotte.celery import app

logger = logging.getLogger(__name__)

LONGEST_SLEEP = 30.0  # seconds: the thread looks again at least this often


@dataclass
class Job:
    name: str
    task: str
    schedule: BaseSchedule
    last_run_at: dt.datetime


class InProcessBeat:
    """The beat schedule, ticked by hand (tests) or by a daemon thread (`start`)."""

    def __init__(self, beat_schedule: dict | None = None) -> None:
        if not app.conf.task_always_eager:
            raise RuntimeError("The in-process schedule is for the embedded demo only.")
        app.autodiscover_tasks(force=True)  # import the apps' tasks modules now, as a worker does
        now = app.now()
        self.jobs = []
        for name, entry in (beat_schedule or app.conf.beat_schedule).items():
            every = entry["schedule"]
            if not isinstance(every, BaseSchedule):
                every = interval_schedule(every)
            # An interval job has not run yet, so it is due at once; a clock-time job
            # waits for its next time.
            first = now - dt.timedelta(days=1) if isinstance(every, interval_schedule) else now
            self.jobs.append(Job(name, entry["task"], every, first))

    def tick(self) -> tuple[list[str], float]:
        """Run the jobs that are due; (their names, seconds until the next one is due)."""
        ran, wait = [], LONGEST_SLEEP
        for job in self.jobs:
            due, next_in = job.schedule.is_due(job.last_run_at)
            if due:
                job.last_run_at = app.now()
                self._run(job)
                ran.append(job.name)
            wait = min(wait, max(float(next_in), 1.0))
        return ran, wait

    def _run(self, job: Job) -> None:
        try:
            app.tasks[job.task].apply(throw=True)
        except Exception:  # a failing job must not stop the others or the server
            logger.exception("The periodic job %s failed", job.name)

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self._loop, name="in-process-beat", daemon=True)
        thread.start()
        return thread

    def _loop(self) -> None:
        stop = threading.Event()
        while not stop.is_set():
            _ran, wait = self.tick()
            close_old_connections()  # this thread's own, as a request's end closes them
            stop.wait(wait)
