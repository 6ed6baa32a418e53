from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .forms import WithdrawForm
from .models import Certificate
from .services import withdraw_certificate


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Which course certificates are issued. They are issued through
    certificates.services.issue_certificate (the attendance page), never by hand here;
    the action withdraws them through certificates.services.withdraw_certificate."""

    list_display = [
        "participant",
        "organisation",
        "programme",
        "issued_at",
        "training_days_attended",
        "training_days_total",
        "code",
        "withdrawn_at",
    ]
    list_filter = [
        "programme",
        "issued_at",
        "participant__organisation",
        ("withdrawn_at", admin.EmptyFieldListFilter),
    ]
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
        "withdrawn_at",
        "withdrawn_reason",
        "withdrawn_by",
    ]
    actions = ["withdraw"]

    @admin.display(description=_("organisation"), ordering="participant__organisation__name")
    def organisation(self, obj):
        return obj.participant.organisation

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Withdraw the selected course certificates"))
    def withdraw(self, request, queryset):
        """Asks for the reason on a page of its own, then withdraws each one through
        certificates.services.withdraw_certificate."""
        form = WithdrawForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            for certificate in queryset:
                withdraw_certificate(certificate, form.cleaned_data["reason"], request.user)
            count = len(queryset)
            text = ngettext(
                "%(count)s course certificate withdrawn.",
                "%(count)s course certificates withdrawn.",
                count,
            )
            self.message_user(request, text % {"count": count}, messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Withdraw the selected course certificates"),
            "opts": self.model._meta,
            "form": form,
            "certificates": queryset,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/certificates/withdraw.html", context)
