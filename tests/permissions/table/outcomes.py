"""The words of the walker's table: what one persona gets from one URL.

An outcome is an HTTP status (200, 403, 404, 405), LOGIN (sent to the log-in page) or
REDIRECT (sent anywhere else: a form done, a page that moved). `expect()` builds one
pattern's answer for every persona from the few that differ:

    expect(coordinator=200)                    # only coordinators; anonymous to log in
    expect(others=200, anonymous=200)          # a public page
    expect(worker_a=200, leader_a=200)         # A's own people; B and the rest 404

Personas (tests/fixtures/walk_world.py): anonymous, unconfirmed_a (chose A, not
confirmed: an outsider), worker_a, leader_a, worker_b, leader_b, supervisor, coordinator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

LOGIN = "login"
REDIRECT = "redirect"

PERSONAS = (
    "anonymous",
    "unconfirmed_a",
    "worker_a",
    "leader_a",
    "worker_b",
    "leader_b",
    "supervisor",
    "coordinator",
)

Outcome = int | str
Outcomes = dict[str, Outcome]


def expect(*, others: Outcome = 404, anonymous: Outcome = LOGIN, **personas: Outcome) -> Outcomes:
    unknown = set(personas) - set(PERSONAS)
    assert not unknown, f"no such persona: {sorted(unknown)}; the personas are {PERSONAS}"
    return {p: personas.get(p, anonymous if p == "anonymous" else others) for p in PERSONAS}


PUBLIC = expect(others=200, anonymous=200)
SIGNED_IN = expect(others=200)
COORDINATORS = expect(coordinator=200)


def no_kwargs(world: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Entry:
    """One URL pattern: its URL's arguments from the world (A's objects), the answer to
    a GET for each persona, and (for a view that takes a form or an action) to an empty
    POST, which the walker rolls back after each request."""

    get: Outcomes
    post: Outcomes | None = None
    kwargs: Callable[[Any], dict[str, Any]] = field(default=no_kwargs)
