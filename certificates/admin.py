from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Certificate


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Which course certificates are issued. They are issued through
    certificates.services.issue_certificate (the attendance page), never by hand here."""

    list_display = [
        "participant",
        "organisation",
        "programme",
        "issued_at",
        "training_days_attended",
        "training_days_total",
        "code",
    ]
    list_filter = ["programme", "issued_at", "participant__organisation"]
    search_fields = [
        "participant__full_name",
        "participant__user__email",
        "participant__organisation__name",
        "code",
    ]
    list_select_related = ["participant__organisation", "programme"]
    date_hierarchy = "issued_at"
    readonly_fields = [
        "participant",
        "programme",
        "code",
        "issued_at",
        "issued_by",
        "training_days_attended",
        "training_days_total",
    ]

    @admin.display(description=_("organisation"), ordering="participant__organisation__name")
    def organisation(self, obj):
        return obj.participant.organisation

    def has_add_permission(self, request):
        return False
