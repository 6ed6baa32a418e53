"""The request a row is written in: who acts and from which address.

AuditContextMiddleware keeps the current request in a context variable; every row
written while it runs (by auditlog for a model save, or by audit.record) takes its
actor and client address from it unless the caller named them. Outside a request (a
Celery task, a management command) there is none: the row has no actor (the portal
itself) and no address.

The client address is the one the portal already uses for its log-in limits:
allauth's adapter, which reads ALLAUTH_TRUSTED_PROXY_COUNT or
ALLAUTH_TRUSTED_CLIENT_IP_HEADER behind the TLS proxy.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string

current_request: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)


class AuditContextMiddleware:
    """After AuthenticationMiddleware: the request (and its user, read only when a row
    is written) for the rows written while it is answered."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)


def client_address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    try:
        # The configured adapter, loaded as allauth loads it (its module imports models,
        # which this package must not at import time).
        adapter_path = getattr(
            settings, "ACCOUNT_ADAPTER", "allauth.account.adapter.DefaultAccountAdapter"
        )
        return import_string(adapter_path)(request).get_client_ip(request)
    except PermissionDenied:  # no address allauth can trust
        return None


def user_of(request: HttpRequest | None) -> Any:
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def fill(fields: dict[str, Any], request: HttpRequest | None = None) -> None:
    """Set the actor (unless named), the actor's email as it is now, and the client
    address, from `request` or the current one."""
    request = request if request is not None else current_request.get()
    if fields.get("actor") is None and "actor_id" not in fields:
        fields["actor"] = user_of(request)
    actor = fields.get("actor")
    if actor is not None:
        fields.setdefault("actor_email", getattr(actor, "email", None) or None)
    fields.setdefault("remote_addr", client_address(request))
