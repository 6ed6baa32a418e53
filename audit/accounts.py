"""Account events: log-ins and failed log-ins (Django's auth signals, which allauth's
log-in sends through), log-ins refused by allauth's rate limit (participants' account
adapter calls `record_refused_login`), and a user's rows shredded when the user is
deleted, however that happens (the admin, or privacy's account deletion).

A failed log-in names the account only when one has that address; an address typed by
mistake or by a guesser is not kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_delete, pre_delete
from django.http import HttpRequest

from .recording import record
from .shredding import shred_person


def account_for(login: str) -> Any:
    if not login:
        return None
    return get_user_model().objects.filter(email__iexact=login.strip()).first()


def record_refused_login(request: HttpRequest | None, login: str) -> None:
    """allauth's rate limit refused a log-in for `login` (the account is locked for now)."""
    user = account_for(login)
    record("locked_out", actor=None, obj=user, person=user, request=request, known=user is not None)


def _logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    record("logged_in", actor=user, obj=user, person=user, request=request)


def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    login = credentials.get("email") or credentials.get("username") or ""
    user = account_for(str(login))
    record(
        "login_failed", actor=None, obj=user, person=user, request=request, known=user is not None
    )


def _shred(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Before: the foreign keys to the user are cleared before Django's SET NULL would
    # (which the append-only trigger refuses). After: rows written while the user's
    # rows went (a resource-group membership deleted with the profile) are cleared too.
    shred_person(instance)


def connect() -> None:
    user_logged_in.connect(_logged_in, dispatch_uid="audit.logged_in")
    user_login_failed.connect(_login_failed, dispatch_uid="audit.login_failed")
    user_model = get_user_model()
    pre_delete.connect(_shred, sender=user_model, dispatch_uid="audit.shred_before")
    post_delete.connect(_shred, sender=user_model, dispatch_uid="audit.shred_after")
