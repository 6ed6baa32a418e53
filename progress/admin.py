"""Jobs in the admin, for operators: what is running or failed, and for whom. Read only:
a job changes only through its task, and its file only its owner downloads."""

from django.contrib import admin
from django.http import HttpRequest

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "owner", "status", "done", "total", "created_at", "expires_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["owner"]
    fields = (
        "title",
        "kind",
        "owner",
        "status",
        "done",
        "total",
        "message",
        "result_name",
        "content_type",
        "created_at",
        "finished_at",
        "expires_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Job | None = None) -> bool:
        return False
