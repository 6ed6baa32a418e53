"""Running a long piece of work as a Celery task that shows its progress.

    @job_task("coordination.export_session_list")
    def export_session_list(progress: Progress, *, session_id: int, extension: str) -> None:
        progress.set_total(len(rows))
        for row in rows:
            ...
            progress.step()
        progress.attach_file("deltakerliste.csv", content, "text/csv; charset=utf-8")

    job = start_job(request.user, kind="export", title=_("Participant list"),
                    task=export_session_list, kwargs={"session_id": 7, "extension": "csv"})
    return redirect(job)

The task may run twice (a worker lost, the message handed out again): the work must be
safe to repeat, as every task here is. A finished job is never run again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

from celery import shared_task
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import KEPT_FOR, Job

logger = logging.getLogger(__name__)

# Progress is written at most this often: every ~1% of the total, or after this long.
WRITE_EVERY_FRACTION = 0.01
WRITE_EVERY_SECONDS = 0.5


class Delayable(Protocol):
    def delay(self, *args: Any, **kwargs: Any) -> Any: ...


def start_job(
    owner: User, *, kind: str, title: str, task: Delayable, kwargs: dict[str, Any]
) -> Job:
    """Record a job for `owner` and queue `task.delay(job_id=..., **kwargs)` once the
    caller's transaction commits (a rolled-back request starts nothing)."""
    job = Job.objects.create(owner=owner, kind=kind, title=str(title)[:200])
    job_id = str(job.pk)
    transaction.on_commit(lambda: task.delay(job_id=job_id, **kwargs))
    return job


class Progress:
    """What a job's work reports: how much there is, how far it got, a message, a file.

    `step` counts in memory and writes to the database only every ~1% of the total or
    every half second, so a 10,000-row export costs about a hundred small UPDATEs, not
    ten thousand. Each write is its own statement outside any transaction of the work,
    so the page sees it at once.
    """

    def __init__(self, job: Job, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.job = job
        self.clock = clock
        self._written_done = job.done
        self._written_at = clock()

    def set_total(self, n: int) -> None:
        self.job.total = max(0, int(n))
        self._write(total=self.job.total, done=self.job.done)

    def step(self, n: int = 1) -> None:
        self.job.done += n
        moved = self.job.done - self._written_done
        # Without a total, a percent means nothing: only the clock decides.
        every = max(1, int(self.job.total * WRITE_EVERY_FRACTION)) if self.job.total else None
        if (every and moved >= every) or (
            moved and self.clock() - self._written_at >= WRITE_EVERY_SECONDS
        ):
            self._write(done=self.job.done)

    def set_message(self, text: str) -> None:
        self.job.message = str(text)[:500]
        self._write(message=self.job.message)

    def attach_file(self, filename: str, content: bytes, content_type: str) -> None:
        """Store the result in the private storage; it is offered once the job is done."""
        job = self.job
        old = job.result.name if job.result else ""
        job.result.save(filename, ContentFile(content), save=False)
        job.result_name = filename[:200]
        job.content_type = content_type[:100]
        self._write(
            result=job.result.name, result_name=job.result_name, content_type=job.content_type
        )
        if old and old != job.result.name:
            job.result.storage.delete(old)  # the work ran twice: keep only the last file

    def _write(self, **fields: Any) -> None:
        Job.objects.filter(pk=self.job.pk).update(**fields)
        self._written_done = self.job.done
        self._written_at = self.clock()

    def finish(self) -> None:
        now = timezone.now()
        job = self.job
        job.status, job.finished_at, job.expires_at = Job.Status.DONE, now, now + KEPT_FOR
        job.done = max(job.done, job.total)
        job.total = max(job.total, job.done)
        self._write(
            status=job.status,
            done=job.done,
            total=job.total,
            finished_at=now,
            expires_at=job.expires_at,
        )

    def fail(self) -> None:
        now = timezone.now()
        job = self.job
        job.status, job.finished_at, job.expires_at = Job.Status.FAILED, now, now + KEPT_FOR
        job.message = failed_message()
        self._write(
            status=job.status, finished_at=now, expires_at=job.expires_at, message=job.message
        )


def failed_message() -> str:
    """What the page says about a failed job (the exception itself is only logged)."""
    return _(
        "Something went wrong, and the job was stopped. Try again; if it happens again, "
        "tell the portal's administrators."
    )


def claim(job_id: str) -> Job | None:
    """Mark the job running (a conditional UPDATE); None if it is finished or gone.

    A job already running is taken again: its worker was lost and the message handed out
    again, and the work is safe to repeat.
    """
    started = Job.objects.filter(
        pk=job_id, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]
    ).update(status=Job.Status.RUNNING, done=0)
    if not started:
        return None
    return Job.objects.get(pk=job_id)


def job_task(name: str) -> Callable[[Callable[..., Any]], Any]:
    """Turn `def work(progress, **kwargs)` into a Celery task `name(job_id, **kwargs)`
    that marks the job running, runs the work and marks it done, or failed with a
    Norwegian message (the exception is logged, never shown)."""

    def decorate(work: Callable[..., Any]) -> Any:
        @shared_task(name=name, acks_late=True, ignore_result=True)
        def run(job_id: str, **kwargs: Any) -> None:
            job = claim(job_id)
            if job is None:
                logger.info("Job %s is finished or gone; nothing to do", job_id)
                return
            progress = Progress(job)
            with translation.override(settings.LANGUAGE_CODE):
                try:
                    work(progress, **kwargs)
                except Exception:
                    logger.exception("Job %s (%s) failed", job_id, name)
                    progress.fail()
                    return
                progress.finish()

        run.work = work  # type: ignore[attr-defined] # the undecorated work, for tests
        return run

    return decorate
