from django.apps import AppConfig


class FamiliestotteConfig(AppConfig):
    name = "familiestotte"
    verbose_name = "Familiestøtte"
