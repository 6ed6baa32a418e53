"""Log lines: one JSON object a line in production, readable lines in the embedded demo.

Every line carries the request id of the web request (or periodic job) it belongs to,
kept in a context variable: set by familiestotte.requestlog for a request, by
familiestotte.tasklog for a Celery task (from the message headers of the request that
queued it). The standard library's logging does the rest; LOGGING in settings picks
the formatter with LOG_FORMAT (json | text).

No personal data beyond user ids: the lines name users by id, never by email or name,
and client addresses are not logged at all. As a guard for messages that quote an
SMTP server's answer or the like, anything shaped like an email address is masked.
"""

import datetime as dt
import json
import logging
import re
import uuid
from contextvars import ContextVar
from typing import Any

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

# What an incoming X-Request-ID may be: a UUID, nginx's $request_id (32 hex digits) or a
# similar token; anything longer or with other characters is replaced by a new id.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
EMAIL_ADDRESS = re.compile(r"[^\s<>\"'(),;:@]+@[^\s<>\"'(),;:@]+\.[A-Za-z]{2,}")
MASKED_EMAIL = "[email]"

# The attributes every LogRecord has; anything else on a record came from `extra=`.
STANDARD_ATTRIBUTES = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", None, None)).keys()
    | {"message", "asctime", "request_id", "taskName"}
)
# Extras that are objects, not facts: Django's request logger adds the request (whose
# repr has the query string); Celery's «received» line adds the task's arguments.
UNLOGGED_EXTRAS = frozenset({"request", "server_time", "status_code", "data"})


def new_request_id() -> str:
    return uuid.uuid4().hex


def is_valid_request_id(value: str | None) -> bool:
    return value is not None and VALID_REQUEST_ID.fullmatch(value) is not None


def mask_emails(text: str) -> str:
    return EMAIL_ADDRESS.sub(MASKED_EMAIL, text)


class RequestIdFilter(logging.Filter):
    """Puts the current request id on every record (None outside a request or task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        return True


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    return {
        key: value
        for key, value in vars(record).items()
        if key not in STANDARD_ATTRIBUTES and key not in UNLOGGED_EXTRAS
    }


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    return mask_emails(str(value))


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, request_id,
    then the record's extras (method, path, status, duration_ms, user_id, task, ...)."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": mask_emails(record.getMessage()),
            "request_id": getattr(record, "request_id", None),
        }
        line.update({key: _plain(value) for key, value in _extras(record).items()})
        if record.exc_info:
            line["exception"] = mask_emails(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """For people at a console (make run): time, level, logger, [request id], message and
    the extras as key=value."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        text = super().format(record)
        extras = " ".join(f"{key}={_plain(value)}" for key, value in _extras(record).items())
        return mask_emails(f"{text} {extras}" if extras else text)


def formatter(name: str) -> logging.Formatter:
    """The formatter LOG_FORMAT names: "json" or "text"."""
    return TextFormatter() if name == "text" else JsonFormatter()
