from django.contrib import admin
from django.http import HttpRequest

from participants.models import Registration, RegistrationEvent


class RegistrationEventInline(admin.TabularInline):
    model = RegistrationEvent
    extra = 0
    can_delete = False
    readonly_fields = ["action", "from_status", "to_status", "actor", "created_at", "note"]

    def has_add_permission(self, request: HttpRequest, obj: Registration | None = None) -> bool:
        return False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = [
        "participant",
        "session",
        "status",
        "attended",
        "created_at",
        "is_late_cancellation",
    ]
    list_filter = [
        "status",
        "attended",
        "is_late_cancellation",
        "session__programme",
        "session__kind",
    ]
    search_fields = ["participant__full_name", "participant__user__email", "session__title"]
    list_select_related = ["participant", "session", "session__programme"]
    raw_id_fields = ["participant", "session", "registered_by"]
    # Status and its timestamps change only through registrations.services (capacity,
    # waiting list, events and emails); the admin shows them.
    readonly_fields = [
        "status",
        "is_late_cancellation",
        "attended",
        "created_at",
        "waitlisted_at",
        "confirmed_at",
        "cancelled_at",
    ]
    inlines = [RegistrationEventInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_readonly_fields(
        self, request: HttpRequest, obj: Registration | None = None
    ) -> list[str] | tuple[str, ...]:
        if obj is not None:
            return [*self.readonly_fields, "participant", "session"]
        return self.readonly_fields
