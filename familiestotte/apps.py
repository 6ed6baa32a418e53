from django.apps import AppConfig


class FamiliestotteConfig(AppConfig):
    name = "familiestotte"
    verbose_name = "Familiestøtte"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the system checks
