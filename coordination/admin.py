"""The coordinators' additions to the catalogue's admin (programme.admin): «Kopier som nytt
kull», and the change notice everyone registered gets when a session's time, venue or
online link changes or it is cancelled."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from programme import admin as catalogue
from programme.models import Programme, Session
from programme.services import copy_programme
from registrations.session_changes import WATCHED_FIELDS, notify_session_changed, session_changes

from .admin_forms import CopyProgrammeForm

admin.site.unregister(Programme)
admin.site.unregister(Session)


@admin.register(Programme)
class ProgrammeAdmin(catalogue.ProgrammeAdmin):
    def get_urls(self):
        copy = path(
            "<int:pk>/kopier/",
            self.admin_site.admin_view(self.copy_view),
            name="programme_programme_copy",
        )
        return [copy, *super().get_urls()]

    def copy_view(self, request, pk):
        """«Kopier som nytt kull»: a new, unpublished cohort set up like this one."""
        source = get_object_or_404(Programme, pk=pk)
        if not (self.has_view_permission(request, source) and self.has_add_permission(request)):
            raise PermissionDenied
        form = CopyProgrammeForm(request.POST or None, initial={"region": source.region})
        if request.method == "POST" and form.is_valid():
            programme = copy_programme(source=source, **form.cleaned_data)
            self.log_addition(request, programme, [{"added": {}}])
            messages.success(
                request,
                _(
                    "«%(name)s» is set up as a copy of «%(source)s» and is not published. "
                    "Check its sessions' dates, then publish it."
                )
                % {"name": programme.name, "source": source.name},
            )
            return redirect(reverse("admin:programme_programme_change", args=[programme.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": source,
            "form": form,
            "title": _("Copy «%(name)s» as a new programme") % {"name": source.name},
        }
        return TemplateResponse(request, "admin/programme/programme/copy.html", context)


@admin.register(Session)
class SessionAdmin(catalogue.SessionAdmin):
    def save_model(self, request, obj, form, change):
        """Tell everyone registered when the time, venue or online link changes, or a cancel.
        The saved session is read again only when the form changed one of those fields
        (without a form, as when called from code, always)."""
        watched_changed = form is None or set(form.changed_data) & set(WATCHED_FIELDS)
        before = (
            Session.objects.select_related("venue").get(pk=obj.pk)
            if change and watched_changed
            else None
        )
        super().save_model(request, obj, form, change)
        if before is not None:
            notify_session_changed(session=obj, changes=session_changes(before=before, after=obj))
