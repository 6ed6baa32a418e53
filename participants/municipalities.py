"""Norway's municipality numbers as SSB's classification 131 (KLASS) gives them, from the
data file participants/data/municipalities.csv (its header says where it comes from and
how to refresh it). Numbers of earlier versions that organisations still use (Gjøvik's
0502 before 2020) are known too, with the years they were valid."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

DATA_FILE = Path(__file__).resolve().parent / "data" / "municipalities.csv"


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    valid_from: dt.date | None  # None: before 2020, from an earlier version
    valid_to: dt.date | None  # None: still valid

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@cache
def municipalities() -> dict[str, Municipality]:
    """Every number in the data file, read once per process."""
    with DATA_FILE.open(encoding="utf-8") as data:
        rows = csv.DictReader(line for line in data if not line.startswith("#"))
        return {
            row["code"]: Municipality(
                code=row["code"],
                name=row["name"],
                valid_from=_date(row["valid_from"]),
                valid_to=_date(row["valid_to"]),
            )
            for row in rows
        }


def lookup(code: str | None) -> Municipality | None:
    return municipalities().get(code or "")


def describe(code: str | None) -> str:
    """«Gjøvik», or «Gjøvik (the number was valid until 2019)» for an earlier number;
    empty for a number not in the list."""
    municipality = lookup(code)
    if municipality is None:
        return ""
    if municipality.valid_to is None:
        return municipality.name
    return _("%(name)s (the number was valid until %(year)s)") % {
        "name": municipality.name,
        "year": municipality.valid_to.year,
    }
