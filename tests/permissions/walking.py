"""How the walker asks: one request as one persona, rolled back afterwards, read as an
outcome of tests/permissions/table/outcomes.py. The form fuzzer rolls back the same way."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.test import Client
from django.urls import reverse

from .table.outcomes import LOGIN, REDIRECT, Outcome


def outcome_of(response) -> Outcome:
    if response.status_code in (301, 302, 303, 307, 308):
        if response["Location"].startswith(reverse("account_login")):
            return LOGIN
        return REDIRECT
    return response.status_code


@contextmanager
def rolled_back(client: Client) -> Iterator[None]:
    """Whatever the block changes is rolled back (a savepoint, not an atomic block, so
    the views' durable transactions still run as in a request), and the client keeps
    its session cookie (a log-out or a deleted account ends nobody's walk)."""
    cookies = copy.deepcopy(client.cookies)
    savepoint = transaction.savepoint()
    try:
        yield
    finally:
        transaction.savepoint_rollback(savepoint)
        client.cookies = cookies


def ask(client: Client, method: str, url: str) -> tuple[Outcome, object]:
    """GET or an empty POST, rolled back."""
    with rolled_back(client):
        response = getattr(client, method)(url)
    return outcome_of(response), response
