from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import (
    GoalAssessment,
    Meeting,
    Membership,
    Offer,
    Partner,
    ProgressReport,
    ResourceGroup,
    Routine,
    StatusChange,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["participant"]
    readonly_fields = ["added_at"]


class MeetingInline(admin.TabularInline):
    model = Meeting
    extra = 0
    fields = ["met_on", "notes", "recorded_by"]
    raw_id_fields = ["recorded_by"]


@admin.register(ResourceGroup)
class ResourceGroupAdmin(admin.ModelAdmin):
    list_display = ["organisation", "programme", "contact_person", "member_count", "created_at"]
    list_filter = ["enrolment__programme", "enrolment__organisation__kind"]
    search_fields = ["enrolment__organisation__name", "contact_person__full_name"]
    list_select_related = ["enrolment__organisation", "enrolment__programme", "contact_person"]
    raw_id_fields = ["enrolment", "contact_person"]
    inlines = [MembershipInline, MeetingInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_member_count=Count("memberships"))

    @admin.display(description=_("organisation"), ordering="enrolment__organisation__name")
    def organisation(self, obj):
        return obj.enrolment.organisation

    @admin.display(description=_("programme"), ordering="enrolment__programme__name")
    def programme(self, obj):
        return obj.enrolment.programme

    @admin.display(description=_("members"), ordering="_member_count")
    def member_count(self, obj):
        return obj._member_count


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["group", "met_on", "recorded_by", "recorded_at"]
    list_filter = ["group__enrolment__programme", "met_on"]
    search_fields = ["group__enrolment__organisation__name", "notes"]
    list_select_related = ["group__enrolment__organisation", "group__enrolment__programme"]
    raw_id_fields = ["group", "recorded_by"]
    date_hierarchy = "met_on"


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    fields = ("changed_at", "from_status", "to_status", "changed_by", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class RoutineStatusInline(StatusChangeInline):
    fk_name = "routine"


class OfferStatusInline(StatusChangeInline):
    fk_name = "offer"


class WorkAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "status", "created_at"]
    list_filter = ["status", "enrolment__programme", "goals"]
    search_fields = ["title", "description", "enrolment__organisation__name"]
    list_select_related = ["enrolment__organisation"]
    raw_id_fields = ["enrolment", "created_by"]
    filter_horizontal = ["goals"]
    # The status changes through the portal, so that every change is kept.
    readonly_fields = ["status", "created_at"]

    @admin.display(description=_("organisation"), ordering="enrolment__organisation__name")
    def organisation(self, obj):
        return obj.enrolment.organisation


@admin.register(Routine)
class RoutineAdmin(WorkAdmin):
    inlines = [RoutineStatusInline]


@admin.register(Offer)
class OfferAdmin(WorkAdmin):
    list_display = ["title", "kind", "organisation", "status", "created_at"]
    list_filter = ["kind", *WorkAdmin.list_filter]
    inlines = [OfferStatusInline]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "from_status", "to_status", "changed_at", "changed_by"]
    list_filter = ["to_status", "changed_at"]
    search_fields = ["routine__title", "offer__title", "note"]
    list_select_related = ["routine", "offer", "changed_by"]
    readonly_fields = [
        "routine",
        "offer",
        "from_status",
        "to_status",
        "changed_at",
        "changed_by",
        "note",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "enrolment", "created_at"]
    list_filter = ["kind", "enrolment__programme"]
    search_fields = ["name", "description", "enrolment__organisation__name"]
    list_select_related = ["enrolment__organisation", "enrolment__programme"]
    raw_id_fields = ["enrolment"]


class GoalAssessmentInline(admin.TabularInline):
    model = GoalAssessment
    extra = 0


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ["enrolment", "gathering", "status", "submitted_at", "late", "updated_at"]
    list_filter = ["status", "enrolment__programme", "gathering"]
    search_fields = ["enrolment__organisation__name", "done_since_last", "next_steps"]
    list_select_related = ["enrolment__organisation", "enrolment__programme", "gathering"]
    raw_id_fields = ["enrolment", "gathering", "created_by", "submitted_by"]
    readonly_fields = ["updated_at"]
    inlines = [GoalAssessmentInline]

    @admin.display(description=_("late"), boolean=True)
    def late(self, obj):
        return obj.is_late
