"""Step one after restoring a database backup, before any worker or beat starts."""

from typing import Any

from django.core.management.base import BaseCommand

from notifications.dispatch import hold_unsent


class Command(BaseCommand):
    help = (
        "Hold every email that was unsent when the restored backup was taken, so that "
        "none goes out twice; release them in the admin (E-poster) once checked."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        held = hold_unsent()
        self.stdout.write(f"{held} unsent emails held for a person to release.")
