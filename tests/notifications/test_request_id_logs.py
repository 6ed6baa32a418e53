"""The request id of a web request in the log lines of the Celery tasks it queued, read
from a real worker's output (a subprocess on Redis, as test_integration.py starts one);
a task queued outside a request, as beat sends the periodic ones, gets an id of its own."""

import json
import os
import time
import uuid

import pytest
import redis
from django.db import connection
from django.urls import reverse

from familiestotte.celery import app
from notifications.models import Email
from reminders.tasks import sweep_reminders
from tests import factories

from .sink import SmtpSink
from .worker import Worker, database_url

pytestmark = pytest.mark.integration


@pytest.fixture
def worker(transactional_db):
    if not os.environ.get("CELERY_BROKER_URL"):
        pytest.skip("needs CELERY_BROKER_URL (Redis)")
    name = f"test-logs-{uuid.uuid4().hex[:10]}"
    previous = app.conf.task_default_queue
    app.conf.task_default_queue = name
    server = SmtpSink()
    with server:
        env = {
            "DATABASE_URL": database_url(connection.settings_dict),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(server.port),
            "LOG_FORMAT": "json",
        }
        started = Worker(queue=name, env=env).start()
        yield started
        started.stop()
    app.conf.task_default_queue = previous
    redis.Redis.from_url(os.environ["CELERY_BROKER_URL"]).delete(name)


def task_lines(worker: Worker) -> list[dict]:
    """The worker's JSON lines from familiestotte.tasklog (one per task that ended)."""
    lines = []
    for text in worker.output().splitlines():
        if text.startswith("{"):
            line = json.loads(text)
            if line["logger"] == "familiestotte.task":
                lines.append(line)
    return lines


def wait_for_tasks(worker: Worker, predicate, timeout: float = 60) -> list[dict]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = task_lines(worker)
        if predicate(lines):
            return lines
        time.sleep(0.1)
    raise AssertionError(f"No such task lines in the worker's output:\n{worker.output()}")


def test_the_tasks_a_registration_queued_log_its_request_id(worker, client, service_worker):
    session = factories.SessionFactory()
    client.force_login(service_worker.user)

    response = client.post(reverse("registrations:register", kwargs={"pk": session.pk}))

    assert response.status_code == 302
    request_id = response.headers["X-Request-ID"]
    lines = wait_for_tasks(
        worker, lambda lines: any(line["task"].endswith("send_emails") for line in lines)
    )
    assert Email.objects.filter(kind="confirmed").exists()
    ours = [line for line in lines if line["request_id"] == request_id]
    # The dispatch the request queued, and the send task that dispatch queued in turn.
    assert {line["task"] for line in ours} >= {
        "notifications.dispatch_pending_emails",
        "notifications.send_emails",
    }, lines
    assert all(line["state"] == "SUCCESS" and line["level"] == "INFO" for line in ours)
    assert all(isinstance(line["duration_ms"], float) for line in ours)
    assert service_worker.user.email not in worker.output()


def test_a_task_queued_outside_a_request_gets_an_id_of_its_own(worker):
    sweep_reminders.delay()
    sweep_reminders.delay()

    lines = wait_for_tasks(worker, lambda lines: len(lines) >= 2)
    ids = [line["request_id"] for line in lines]
    assert all(ids) and len(set(ids)) == 2, lines
