from django.apps import AppConfig


class FamiliestotteConfig(AppConfig):
    name = "familiestotte"
    verbose_name = "Familiestøtte"

    def ready(self) -> None:
        # The system checks, and the receivers that log log-ins and failed log-ins.
        from . import checks, requestlog  # noqa: F401
