"""One log line per request, with its request id; log-ins and failed log-ins at INFO.

The request id comes from the proxy's X-Request-ID when a proxy is trusted
(ALLAUTH_TRUSTED_PROXY_COUNT or ALLAUTH_TRUSTED_CLIENT_IP_HEADER set: the proxy then
sets the header and a client's own never reaches the portal), and is made here
otherwise. The response returns it in X-Request-ID; Celery tasks queued during the
request carry it in their message headers (familiestotte.tasklog).

The line names the user by id and the path without its query string, which can carry
tokens. The client's address is not logged: it is personal data (on a hospital's
network it points to a PC and often to one person), and the proxy's own access log
has it for the operators who need it.
"""

import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.functional import LazyObject, empty

from . import logs

logger = logging.getLogger("familiestotte.request")
auth_logger = logging.getLogger("familiestotte.auth")

HEADER = "X-Request-ID"


def proxy_is_trusted() -> bool:
    return settings.ALLAUTH_TRUSTED_PROXY_COUNT > 0 or bool(
        settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER
    )


def incoming_request_id(request: HttpRequest) -> str:
    """The proxy's X-Request-ID when it is trusted and looks like an id, else a new one."""
    value = request.headers.get(HEADER)
    if proxy_is_trusted() and logs.is_valid_request_id(value):
        assert value is not None
        return value
    return logs.new_request_id()


def user_id(request: HttpRequest) -> int | None:
    """The signed-in user's id, if the request has already loaded its user: a log line
    is no reason to read the session and the user (the bare /helse/ reads neither)."""
    user: Any = getattr(request, "user", None)
    if user is None or (isinstance(user, LazyObject) and vars(user)["_wrapped"] is empty):
        return None
    pk: int | None = user.pk if user.is_authenticated else None
    return pk


class RequestLogMiddleware:
    """First in MIDDLEWARE, so its line times and sees every answer, redirects too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        current = incoming_request_id(request)
        token = logs.request_id.set(current)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response.headers[HEADER] = current
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": user_id(request),
                },
            )
            return response
        finally:
            logs.request_id.reset(token)


def _account_id(credentials: dict[str, Any]) -> int | None:
    """The id of the account a failed log-in named, if there is one."""
    address = credentials.get("email") or credentials.get("username")
    if not isinstance(address, str) or not address:
        return None
    found: int | None = (
        get_user_model()
        ._default_manager.filter(email__iexact=address)
        .values_list("pk", flat=True)
        .first()
    )
    return found


@receiver(user_logged_in, dispatch_uid="familiestotte.requestlog.logged_in")
def log_logged_in(sender: object, user: Any, **kwargs: object) -> None:
    auth_logger.info("Logged in", extra={"event": "login", "user_id": user.pk})


@receiver(user_login_failed, dispatch_uid="familiestotte.requestlog.login_failed")
def log_login_failed(sender: object, credentials: dict[str, Any], **kwargs: object) -> None:
    auth_logger.info(
        "Log-in failed",
        extra={"event": "login_failed", "user_id": _account_id(credentials)},
    )
