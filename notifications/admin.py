from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .dispatch import release_held, requeue_failed
from .models import Email


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    """The outbox, read-only: what was decided, sent, retried or failed, and why."""

    list_display = ["created_at", "kind", "to_email", "status", "attempts", "sent_at", "subject"]
    list_filter = ["status", "kind"]
    search_fields = ["to_email", "key", "subject"]
    date_hierarchy = "created_at"
    list_select_related = False
    actions = ["requeue_failed", "release_held"]
    fields = [
        "key",
        "kind",
        "status",
        "attempts",
        "last_error",
        "recipient",
        "to_email",
        "registration",
        "session",
        "content_type",
        "object_id",
        "data",
        "created_at",
        "dispatched_at",
        "next_attempt_at",
        "sending_started_at",
        "sent_at",
        "purged_at",
        "subject",
        "body_text",
        "body_html",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Email | None = None) -> bool:
        return False  # read-only: the outbox is a record of what happened

    def has_delete_permission(self, request: HttpRequest, obj: Email | None = None) -> bool:
        return False

    def has_requeue_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("notifications.change_email")

    @admin.action(description=_("Re-queue the selected failed emails"), permissions=["requeue"])
    def requeue_failed(self, request: HttpRequest, queryset: QuerySet[Email]) -> None:
        count = requeue_failed(ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            ngettext(
                "%(count)d failed email is queued again.",
                "%(count)d failed emails are queued again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )

    @admin.action(
        description=_("Send the selected emails held after a restore"), permissions=["requeue"]
    )
    def release_held(self, request: HttpRequest, queryset: QuerySet[Email]) -> None:
        count = release_held(ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            ngettext(
                "%(count)d held email is queued to be sent.",
                "%(count)d held emails are queued to be sent.",
                count,
            )
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
