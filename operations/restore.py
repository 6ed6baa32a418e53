"""The restore drill: a backup is only as good as its last restore.

`drill` dumps a database with pg_dump (custom format, as the documented schedule
takes it), restores the dump into a scratch database with pg_restore, compares every
table's row count, then runs the first step after any restore (`manage.py
hold_outbox`) on the copy and checks that no email could go out twice: every row that
was unsent at the dump is held. The copy is dropped unless asked to keep it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
UNSENT = ("queued", "retrying", "sending")
TABLE_NAME = re.compile(r"[a-z][a-z0-9_]*")


@dataclass
class DrillResult:
    tables: int
    rows: int
    mismatched: dict[str, tuple[int, int]] = field(default_factory=dict)
    unsent_before: int = 0
    held_after: int = 0
    unsent_after: int = 0

    @property
    def ok(self) -> bool:
        return (
            not self.mismatched and self.unsent_after == 0 and self.held_after >= self.unsent_before
        )


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def run(command: list[str], **kwargs: Any) -> str:
    """A PostgreSQL client tool (or manage.py); its output. No shell."""
    done = subprocess.run(  # noqa: S603 - fixed commands, arguments from our own settings
        command, check=True, capture_output=True, text=True, timeout=600, **kwargs
    )
    return str(done.stdout)


def query(url: str, statement: str) -> list[list[str]]:
    output = run(["psql", "--no-psqlrc", "--tuples-only", "--no-align", "-c", statement, url])
    return [line.split("|") for line in output.splitlines() if line]


def row_counts(url: str) -> dict[str, int]:
    tables = [
        name
        for (name,) in query(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    ]
    if not all(TABLE_NAME.fullmatch(name) for name in tables):
        raise ValueError(f"Unexpected table names in {url}: {tables}")
    counts = " UNION ALL ".join(f"SELECT '{name}', COUNT(*) FROM \"{name}\"" for name in tables)  # noqa: S608 - names checked above
    return {name: int(count) for name, count in query(url, counts)} if tables else {}


def emails_with_status(url: str, statuses: tuple[str, ...]) -> int:
    listed = ", ".join(f"'{status}'" for status in statuses)  # our own constants
    statement = f"SELECT COUNT(*) FROM notifications_email WHERE status IN ({listed})"  # noqa: S608 - statuses are our own constants
    return int(query(url, statement)[0][0])


def drill(source_url: str, scratch_name: str, *, keep: bool = False) -> DrillResult:
    """Dump `source_url`, restore into `scratch_name` (same server), compare, hold."""
    scratch_url = with_database(source_url, scratch_name)
    before = row_counts(source_url)
    unsent_before = emails_with_status(source_url, UNSENT)
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "familiestotte.dump"
        run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", source_url])
        run(["dropdb", "--if-exists", f"--maintenance-db={source_url}", scratch_name])
        run(["createdb", f"--maintenance-db={source_url}", scratch_name])
        run(["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={scratch_url}", str(dump)])
    after = row_counts(scratch_url)
    # The first step after any restore, run as an operator would: on the copy.
    environment = {**os.environ, "DATABASE_URL": scratch_url}
    run([sys.executable, "manage.py", "hold_outbox"], cwd=BASE_DIR, env=environment)
    result = DrillResult(
        tables=len(after),
        rows=sum(after.values()),
        mismatched={
            table: (count, after.get(table, -1))
            for table, count in before.items()
            if after.get(table) != count
        },
        unsent_before=unsent_before,
        held_after=emails_with_status(scratch_url, ("held",)),
        unsent_after=emails_with_status(scratch_url, UNSENT),
    )
    if not keep:
        run(["dropdb", "--if-exists", f"--maintenance-db={source_url}", scratch_name])
    return result
