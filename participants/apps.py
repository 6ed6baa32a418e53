from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("Participants")

    def ready(self) -> None:
        # The profile's name, for shredding a deleted person's audit rows.
        from . import auditing  # noqa: F401
