"""The coordinator sets a programme's evaluation questions here. Respondents and
responses are not in the admin: nobody needs to browse them one by one."""

from django.contrib import admin

from .models import Question


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "programme", "kind", "session_kind", "is_required", "order"]
    list_filter = ["programme", "kind", "session_kind"]
    list_editable = ["order"]
    search_fields = ["text"]
