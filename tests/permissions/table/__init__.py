"""The walker's table: every URL pattern of the project -> what each persona gets.

One module per app (the URL namespace), so engineers adding views to different apps do
not edit the same lines. To add a view: put an entry under its pattern's name in the
module of its app (a new app: a new module, and one line in MODULES below), e.g.

    "registrations:session_register": Entry(
        get=expect(worker_a=200, leader_a=200),  # the rest 404, anonymous to log in
        post=expect(worker_a=REDIRECT, leader_a=REDIRECT),
        kwargs=lambda w: {"pk": w.session.pk},  # A's object (tests/permissions/conftest.py)
    ),

`post` is needed only where an empty POST is answered otherwise than the GET (or 405).
"""

from . import (
    accounts,
    certificates,
    coordination,
    evaluations,
    familiestotte,
    implementation,
    materials,
    mypage,
    operations,
    participants,
    privacy,
    programme,
    registrations,
    resourcegroups,
    supervision,
)
from .outcomes import Entry

MODULES = [
    accounts,
    certificates,
    coordination,
    evaluations,
    familiestotte,
    implementation,
    materials,
    mypage,
    operations,
    participants,
    privacy,
    programme,
    registrations,
    resourcegroups,
    supervision,
]


def _merged() -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for module in MODULES:
        twice = set(entries) & set(module.ENTRIES)
        assert not twice, f"{module.__name__} names patterns another module has: {twice}"
        entries.update(module.ENTRIES)
    return entries


TABLE = _merged()
