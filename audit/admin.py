"""The audit log in the admin: read only, as everywhere. Replaces auditlog's own admin,
which expects every row to be about an object (events such as a failed log-in are not)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Entry

if admin.site.is_registered(Entry):
    admin.site.unregister(Entry)


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = [
        "timestamp",
        "event",
        "actor_email",
        "content_type",
        "object_repr",
        "remote_addr",
    ]
    list_filter = ["event", "content_type"]
    list_select_related = ["content_type"]
    search_fields = ["object_repr", "actor_email"]
    date_hierarchy = "timestamp"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Only as part of deleting a user (the rows stay: their actor is cleared).
        return request.resolver_match is not None and request.resolver_match.url_name not in {
            "audit_entry_changelist",
            "audit_entry_change",
            "audit_entry_delete",
        }
