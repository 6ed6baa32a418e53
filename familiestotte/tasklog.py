"""One log line per Celery task, with the request id of the web request that queued it.

Publishing a task puts the current request id in the message's headers (a new one when
nothing set it: beat's periodic tasks get an id of their own each time they are sent);
the worker sets it again before the task runs, so the task's lines, and the tasks it
queues in turn, carry it. Eager tasks (make run) run inside the request and keep its id.

Celery's own «Task ... succeeded in ...: <result>» line is silenced: a task's return
value is nothing to write to a log; this module's line says how the task ended.
"""

import logging
import time
from contextvars import Token
from typing import Any

from celery import signals
from django.conf import settings

from . import logs

logger = logging.getLogger("familiestotte.task")

HEADER = "request_id"

# task id -> (the context variable's token to reset, when the task started)
_running: dict[str, tuple[Token[str | None], float]] = {}


@signals.before_task_publish.connect(dispatch_uid="familiestotte.tasklog.publish")
def add_request_id(headers: dict[str, Any] | None = None, **kwargs: object) -> None:
    if headers is not None:
        headers.setdefault(HEADER, logs.request_id.get() or logs.new_request_id())


@signals.task_prerun.connect(dispatch_uid="familiestotte.tasklog.prerun")
def set_request_id(task_id: str, task: Any, **kwargs: object) -> None:
    sent: object = getattr(task.request, HEADER, None)
    if not isinstance(sent, str) or not logs.is_valid_request_id(sent):
        sent = logs.request_id.get() or logs.new_request_id()
    _running[task_id] = (logs.request_id.set(sent), time.perf_counter())


@signals.task_postrun.connect(dispatch_uid="familiestotte.tasklog.postrun")
def log_task(task_id: str, task: Any, state: str | None = None, **kwargs: object) -> None:
    token, started = _running.pop(task_id, (None, time.perf_counter()))
    logger.info(
        "Task %s %s",
        task.name,
        state,
        extra={
            "task": task.name,
            "task_id": task_id,
            "state": state,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "retries": task.request.retries,
        },
    )
    if token is not None:
        logs.request_id.reset(token)


@signals.after_setup_logger.connect(dispatch_uid="familiestotte.tasklog.worker_logger")
@signals.after_setup_task_logger.connect(dispatch_uid="familiestotte.tasklog.task_logger")
def use_portal_format(logger: logging.Logger, **kwargs: object) -> None:
    """The worker's and beat's handlers (set up by Celery for `-l info`) write the
    portal's lines, in LOG_FORMAT."""
    for handler in logger.handlers:
        handler.setFormatter(logs.formatter(settings.LOG_FORMAT))
        handler.addFilter(logs.RequestIdFilter())
    logging.getLogger("celery.app.trace").setLevel(logging.WARNING)
