"""The walker's table: every URL pattern of the project -> what each persona gets.

One module per app (the URL namespace), so engineers adding views to different apps do
not edit the same lines. To add a view: put an entry under its pattern's name in the
module of its app (a new app: a new module beside them, found by itself), e.g.

    "registrations:session_register": Entry(
        get=expect(worker_a=200, leader_a=200),  # the rest 404, anonymous to log in
        post=expect(worker_a=REDIRECT, leader_a=REDIRECT),
        kwargs=lambda w: {"pk": w.session.pk},  # A's (tests/fixtures/walk_world.py)
    ),

`post` is needed only where an empty POST is answered otherwise than the GET (or 405).
"""

import importlib
import pkgutil

from .outcomes import Entry

# Every module beside this one but outcomes.py is a part of the table.
MODULES = [
    importlib.import_module(f"{__name__}.{info.name}")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name)
    if info.name != "outcomes"
]


def _merged() -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for module in MODULES:
        twice = set(entries) & set(module.ENTRIES)
        assert not twice, f"{module.__name__} names patterns another module has: {twice}"
        entries.update(module.ENTRIES)
    return entries


TABLE = _merged()
