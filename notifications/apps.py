from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # The send tasks are defined beside the code that queues them; importing the
        # module registers them with Celery in every process (web, worker, beat).
        from . import dispatch  # noqa: F401
