from django.contrib import admin

from resourcegroups.models import SupervisionGroup


@admin.register(SupervisionGroup)
class SupervisionGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "programme", "supervisor"]
    list_filter = ["programme", "region"]
    search_fields = ["name", "region", "supervisor__full_name"]
    list_select_related = ["programme", "supervisor"]
    raw_id_fields = ["supervisor"]
    filter_horizontal = ["members", "meetings"]
