from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .leadership import AlreadyDecided, confirm_leader
from .models import Enrolment, Organisation, Participant
from .municipalities import describe
from .selectors import leaders_waiting


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "region",
        "municipality_number",
        "municipality",
        "organisation_number",
    ]
    list_filter = ["kind", "region"]
    search_fields = ["name", "municipality_number", "organisation_number"]
    readonly_fields = ["municipality"]

    @admin.display(description=_("municipality in Statistics Norway's list"))
    def municipality(self, obj):
        """The name SSB's classification (KLASS) gives the number, beside the number."""
        return describe(obj.municipality_number) or "–"


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["full_name", "email", "organisation", "role", "leader_confirmed", "job_title"]
    list_filter = [
        "role",
        "leader_confirmed",
        ("membership_confirmed_at", admin.EmptyFieldListFilter),
        "organisation__kind",
        "organisation",
    ]
    search_fields = ["full_name", "user__email", "organisation__name", "job_title"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["user", "membership_confirmed_by"]
    readonly_fields = ["calendar_token", "created_at"]
    actions = ["confirm_leader_role"]

    @admin.display(description=_("email"), ordering="user__email")
    def email(self, obj):
        return obj.user.email

    @admin.action(description=_("Confirm the leader role of the selected people"))
    def confirm_leader_role(self, request, queryset):
        """As in the workspace: each person waiting is confirmed and told by email."""
        waiting = queryset.filter(pk__in=leaders_waiting()).values_list("pk", flat=True)
        confirmed = 0
        for pk in list(waiting):
            try:
                confirm_leader(participant_id=pk)
            except AlreadyDecided:
                continue
            confirmed += 1
        self.message_user(request, _("%(count)d leader roles confirmed.") % {"count": confirmed})


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["organisation", "programme", "enrolled_on", "time_commitment_confirmed"]
    list_filter = ["programme", "time_commitment_confirmed", "organisation__kind"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation", "programme"]
    autocomplete_fields = ["organisation", "contact_leader"]
