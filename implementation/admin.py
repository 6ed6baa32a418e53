"""Coordinators define a programme's implementation plan here: a phase with its
milestones inline. Units' records are read here too; they are marked on the unit's page."""

from django.contrib import admin

from programme.models import Goal

from .models import Milestone, MilestoneChange, MilestoneKeeper, MilestoneRecord, Phase


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 1
    fields = ["order", "title", "goal", "due_days", "evidence", "description"]

    programme_id = None  # the phase's programme, set per request (inlines are per request)

    def get_formset(self, request, obj=None, **kwargs):
        self.programme_id = obj.programme_id if obj is not None else None
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "goal" and self.programme_id is not None:
            kwargs["queryset"] = Goal.objects.filter(programme_id=self.programme_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "order"]
    list_filter = ["programme"]
    list_select_related = ["programme"]
    inlines = [MilestoneInline]


class MilestoneChangeInline(admin.TabularInline):
    model = MilestoneChange
    extra = 0
    can_delete = False
    fields = ["changed_at", "changed_by", "from_status", "to_status", "reached_on", "note"]
    readonly_fields = ["changed_at", "changed_by", "from_status", "to_status", "reached_on", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MilestoneRecord)
class MilestoneRecordAdmin(admin.ModelAdmin):
    list_display = ["enrolment", "milestone", "status", "reached_on", "updated_at"]
    list_filter = ["milestone__phase__programme", "status"]
    list_select_related = ["enrolment__organisation", "enrolment__programme", "milestone"]
    readonly_fields = [
        "enrolment", "milestone", "status", "reached_on", "note", "updated_at", "updated_by",
    ]  # fmt: skip
    inlines = [MilestoneChangeInline]

    def has_add_permission(self, request):
        return False


@admin.register(MilestoneKeeper)
class MilestoneKeeperAdmin(admin.ModelAdmin):
    list_display = ["participant", "enrolment", "chosen_at"]
    list_select_related = ["participant", "enrolment__organisation", "enrolment__programme"]
    raw_id_fields = ["participant", "enrolment"]
