"""`make restore-drill`: dump this database, restore it into a scratch one, compare."""

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from operations.restore import drill


class Command(BaseCommand):
    help = "Dump the database, restore it into a scratch database, compare and hold the outbox."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scratch", default="", help="scratch database (dropped first)")
        parser.add_argument("--keep", action="store_true", help="keep the scratch database")

    def handle(self, *args: Any, scratch: str, keep: bool, **options: Any) -> None:
        database = settings.DATABASES["default"]
        if database["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("The restore drill needs PostgreSQL (set DATABASE_URL).")
        url = (
            f"postgresql://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        )
        result = drill(url, scratch or f"{database['NAME']}_restore_drill", keep=keep)
        self.stdout.write(f"tables restored: {result.tables}, rows: {result.rows}")
        self.stdout.write(f"tables whose row count differs: {len(result.mismatched)}")
        self.stdout.write(
            f"emails unsent at the dump: {result.unsent_before}, held after the restore: "
            f"{result.held_after}, still sendable: {result.unsent_after}"
        )
        self.stdout.write(json.dumps({"ok": result.ok, **vars(result)}, default=list))
        if not result.ok:
            raise CommandError("The restore drill failed: see the figures above.")
