from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext, gettext_lazy

from .models import Article, ContactPerson, Goal, Material, Programme, Session, Theme, Venue
from .talks import Speaker, Talk

# A link typed without a scheme gets https://, as Django 6 will do by default (and
# without its deprecation warning).
HTTPS_LINKS: dict[type[models.Field], dict[str, str]] = {
    models.URLField: {"assume_scheme": "https"}
}


class GoalInline(admin.TabularInline):
    model = Goal
    extra = 0


class ContactPersonInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0
    fields = ["order", "title", "parent"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "starts_on", "ends_on", "session_count", "is_published"]
    list_filter = ["is_published", "region"]
    search_fields = ["name", "region"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [GoalInline, ThemeInline, ContactPersonInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_session_count=Count("sessions"))

    @admin.display(description=gettext_lazy("sessions"), ordering="_session_count")
    def session_count(self, obj):
        return obj._session_count


class MaterialInline(admin.TabularInline):
    """A link or a file, checked from its content as in the coordinator's workspace
    (Material.clean). The file input shows no link: files are not under a public URL."""

    model = Material
    extra = 0
    fields = ["title", "url", "file", "file_facts"]
    readonly_fields = ["file_facts"]
    formfield_overrides = {
        **HTTPS_LINKS,
        # No link to the file, an empty file and any name length reach Material.clean.
        models.FileField: {"widget": forms.FileInput, "allow_empty_file": True, "max_length": None},
    }

    @admin.display(description=gettext_lazy("stored file"))
    def file_facts(self, obj):
        if not obj.file:
            return "–"
        if not obj.content_type:
            return gettext("Not checked: upload the file again.")
        return f"{obj.original_name} ({obj.content_type}, {filesizeformat(obj.size)})"


class TalkInline(admin.TabularInline):
    """The event's programme: each talk within the session's hours (Talk.clean)."""

    model = Talk
    extra = 0
    fields = ["starts_at", "ends_at", "title", "speakers", "room"]
    autocomplete_fields = ["speakers"]


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    """Speakers of conferences and other events; a photo needs its alt text."""

    list_display = ["name", "title", "organisation", "has_photo"]
    search_fields = ["name", "organisation"]
    fields = ["name", "title", "organisation", "bio", "photo", "photo_alt"]

    @admin.display(description=gettext_lazy("photo"), boolean=True)
    def has_photo(self, obj):
        return bool(obj.photo)


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_LINKS
    list_display = [
        "title",
        "kind",
        "number",
        "programme",
        "starts_at",
        "venue",
        "capacity",
        "confirmed",
        "waitlisted",
        "registration_deadline",
        "is_cancelled",
    ]
    list_filter = ["programme", "kind", "audience", "is_cancelled", "venue"]
    search_fields = ["title", "description", "venue__name", "venue__city"]
    date_hierarchy = "starts_at"
    list_select_related = ["programme", "venue"]
    autocomplete_fields = ["venue"]
    filter_horizontal = ["themes"]
    inlines = [TalkInline, MaterialInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
                _waitlisted=Count("registrations", filter=Q(registrations__status="waitlisted")),
            )
        )

    @admin.display(description=gettext_lazy("confirmed"), ordering="_confirmed")
    def confirmed(self, obj):
        return obj._confirmed

    @admin.display(description=gettext_lazy("waiting list"), ordering="_waitlisted")
    def waitlisted(self, obj):
        return obj._waitlisted


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "street_address", "postal_code", "city"]
    search_fields = ["name", "city", "street_address"]
    list_filter = ["city"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "parent", "order"]
    list_filter = ["programme"]
    search_fields = ["title"]
    list_select_related = ["programme", "parent"]


@admin.register(ContactPerson)
class ContactPersonAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "phone", "email", "programme"]
    list_filter = ["programme"]
    search_fields = ["name", "email"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "published_at", "programme"]
    list_filter = ["programme"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    autocomplete_fields = ["event"]
