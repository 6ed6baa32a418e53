"""A long piece of work someone asked for (an export, a message to a whole programme):
run by a Celery worker, shown to that person alone with its progress, and its file kept
for a day (progress.jobs runs it, progress.views shows it)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext_lazy

# How long a finished job and its file are kept (the nightly clean-up deletes them).
KEPT_FOR = dt.timedelta(days=1)
# A job that never finished (its worker lost, the broker emptied) is given up after this.
GIVEN_UP_AFTER = dt.timedelta(days=2)


def private_storage() -> Storage:
    """The private files' storage (STORAGES["private"]), else the default one. A callable,
    so that migrations do not name it and the setting is read when the file is used."""
    return storages["private"] if "private" in settings.STORAGES else storages["default"]


def result_path(job: Job, filename: str) -> str:
    """«jobs/<random>.<extension>»: the name people download is `result_name`."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"jobs/{uuid.uuid4().hex}.{extension[:10]}"


class JobQuerySet(models.QuerySet):
    def expired(self, now: dt.datetime | None = None) -> JobQuerySet:
        """Finished a day ago, or never finished and given up."""
        now = now or timezone.now()
        return self.filter(
            models.Q(expires_at__lte=now)
            | models.Q(finished_at__isnull=True, created_at__lte=now - GIVEN_UP_AFTER)
        )


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("job", "Waiting to start")
        RUNNING = "running", pgettext_lazy("job", "Running")
        DONE = "done", pgettext_lazy("job", "Done")
        FAILED = "failed", pgettext_lazy("job", "Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="progress_jobs",
        verbose_name=pgettext_lazy("job", "asked for by"),
    )
    kind = models.CharField(pgettext_lazy("job", "kind"), max_length=60)
    title = models.CharField(pgettext_lazy("job", "title"), max_length=200)
    status = models.CharField(
        pgettext_lazy("job", "status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(pgettext_lazy("job", "done"), default=0)
    total = models.PositiveIntegerField(pgettext_lazy("job", "total"), default=0)
    message = models.CharField(pgettext_lazy("job", "message"), max_length=500, blank=True)
    result = models.FileField(
        pgettext_lazy("job", "result file"),
        upload_to=result_path,
        storage=private_storage,
        max_length=200,
        blank=True,
    )
    result_name = models.CharField(pgettext_lazy("job", "file name"), max_length=200, blank=True)
    content_type = models.CharField(pgettext_lazy("job", "file type"), max_length=100, blank=True)
    created_at = models.DateTimeField(pgettext_lazy("job", "created"), default=timezone.now)
    finished_at = models.DateTimeField(pgettext_lazy("job", "finished"), null=True, blank=True)
    expires_at = models.DateTimeField(
        pgettext_lazy("job", "expires"), null=True, blank=True, db_index=True
    )

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = pgettext_lazy("job", "job")
        verbose_name_plural = pgettext_lazy("job", "jobs")
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("progress:job", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        """0 to 100; a finished job is 100, one without a total yet 0."""
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    def is_expired(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.expires_at is not None:
            return self.expires_at <= now
        return self.created_at <= now - GIVEN_UP_AFTER

    @property
    def has_file(self) -> bool:
        return self.status == self.Status.DONE and bool(self.result)

    def download_url(self) -> str:
        return reverse("progress:file", args=[self.pk]) if self.has_file else ""


@receiver(post_delete, sender=Job)
def delete_result_file(sender: type[Job], instance: Job, **kwargs: object) -> None:
    """A deleted job (expired, or its owner's account deleted) takes its file with it,
    once the deletion is committed."""
    if instance.result:
        storage, name = instance.result.storage, instance.result.name
        transaction.on_commit(lambda: storage.delete(name))
