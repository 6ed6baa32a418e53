"""A job through a real Celery worker on the Redis broker (CELERY_BROKER_URL; Redis db 2
in this branch's runs): start_job queues the task when the transaction commits, the worker
runs it against the test database, and the file it attaches lands in the private storage
the portal serves from."""

import os
import time
import uuid

import pytest
import redis
from django.core.files.storage import FileSystemStorage
from django.db import connection, transaction

from coordination.tasks import export_session_list
from familiestotte.celery import app
from progress.jobs import start_job
from progress.models import Job
from tests import factories
from tests.notifications.worker import Worker, database_url

pytestmark = pytest.mark.integration


@pytest.fixture
def queue():
    name = f"test-progress-{uuid.uuid4().hex[:10]}"
    previous = app.conf.task_default_queue
    app.conf.task_default_queue = name
    yield name
    app.conf.task_default_queue = previous
    redis.Redis.from_url(os.environ["CELERY_BROKER_URL"]).delete(name)


@pytest.fixture
def worker(transactional_db, queue, tmp_path, monkeypatch):
    if not os.environ.get("CELERY_BROKER_URL"):
        pytest.skip("needs CELERY_BROKER_URL (Redis)")
    folder = tmp_path / "private"
    storage = FileSystemStorage(location=folder, base_url=None)
    monkeypatch.setattr(Job._meta.get_field("result"), "storage", storage)
    env = {"DATABASE_URL": database_url(connection.settings_dict), "PRIVATE_FILES_ROOT": folder}
    worker = Worker(queue=queue, env={k: str(v) for k, v in env.items()}, concurrency=1).start()
    yield worker
    worker.stop()


def wait_until_finished(job: Job, timeout: float = 60) -> Job:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            return job
        time.sleep(0.1)
    raise AssertionError(f"The job is still {job.status} after {timeout} s")


def test_a_real_worker_runs_the_export_and_attaches_its_file(worker, coordinator, client):
    session = factories.session_in_days(10)
    for n in range(4):
        factories.RegistrationFactory(session=session, participant__full_name=f"Person {n}")

    with transaction.atomic():
        job = start_job(
            coordinator.user,
            kind="export",
            title="Deltakerliste",
            task=export_session_list,
            kwargs={"session_id": session.pk, "extension": "csv"},
        )
        time.sleep(0.5)
        job.refresh_from_db()
        assert job.status == Job.Status.QUEUED  # nothing is sent before the commit

    job = wait_until_finished(job)
    assert (job.status, job.done, job.total) == (Job.Status.DONE, 4, 4), worker.output()
    client.force_login(coordinator.user)
    content = b"".join(client.get(job.download_url()).streaming_content).decode("utf-8-sig")
    assert sorted(line.split(";")[0] for line in content.splitlines()[1:]) == [
        f"Person {n}" for n in range(4)
    ]
