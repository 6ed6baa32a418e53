"""A supervision group's page, and its supervisor's attendance at its meetings."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from participants.rules import is_coordinator
from programme.models import Session
from registrations.attendance_views import AttendanceFormView
from resourcegroups.models import SupervisionGroup

from . import notes, selectors
from .forms import MeetingNoteForm


class SupervisionGroupView(LoginRequiredMixin, View):
    """A supervision group: its supervisor, meetings and members. For its members, its
    supervisor and coordinators; anyone else gets a 404."""

    def get(self, request, pk):
        participant = getattr(request.user, "participant", None)
        try:
            group = selectors.supervision_group_page(
                pk=pk, participant=participant, coordinator=is_coordinator(request.user)
            )
        except SupervisionGroup.DoesNotExist as exc:
            raise Http404 from exc
        return TemplateResponse(request, "supervision/group.html", {"group": group})


class SupervisionAttendanceView(LoginRequiredMixin, AttendanceFormView):
    """The group's supervisor (or a coordinator) takes attendance at one of its meetings;
    back to the group's page. Anonymous: to the log-in page; anyone else, or a session that
    is not one of the group's meetings: 404."""

    template_name = "supervision/attendance.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _ = self.meeting  # the permission check, before any form is read
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def meeting(self) -> tuple[SupervisionGroup, Session]:
        try:
            return selectors.supervision_meeting(
                group_pk=self.kwargs["pk"],
                session_pk=self.kwargs["session"],
                participant=getattr(self.request.user, "participant", None),
                coordinator=is_coordinator(self.request.user),
            )
        except (SupervisionGroup.DoesNotExist, Session.DoesNotExist) as exc:
            raise Http404 from exc

    def get_session(self) -> Session:
        return self.meeting[1]

    def attendees(self):
        """The group's own members only: a meeting may be shared with another group, whose
        members this supervisor does not lead (one query more)."""
        group, _session = self.meeting
        members = set(group.members.values_list("pk", flat=True))
        return [r for r in super().attendees() if r.participant_id in members]

    def back_url(self) -> str:
        return self.meeting[0].get_absolute_url()

    def get_context_data(self, **kwargs):
        kwargs["group"], kwargs["session"] = self.meeting
        return super().get_context_data(**kwargs)


class MeetingNoteView(LoginRequiredMixin, FormView):
    """The supervisor (or a coordinator) writes the note from one of the group's meetings.
    Anyone else, or a session not among the group's meetings: 404 before any form is read."""

    template_name = "supervision/note.html"
    form_class = MeetingNoteForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _ = self.meeting
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def meeting(self) -> tuple[SupervisionGroup, Session]:
        try:
            return selectors.supervision_meeting(
                group_pk=self.kwargs["pk"],
                session_pk=self.kwargs["session"],
                participant=getattr(self.request.user, "participant", None),
                coordinator=is_coordinator(self.request.user),
            )
        except (SupervisionGroup.DoesNotExist, Session.DoesNotExist) as exc:
            raise Http404 from exc

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = notes.note_for(*self.meeting)
        return kwargs

    def form_valid(self, form):
        group, session = self.meeting
        notes.save_note(
            group=group, session=session, text=form.cleaned_data["text"], by=self.request.user
        )
        messages.success(self.request, _("The note is saved."))
        return HttpResponseRedirect(group.get_absolute_url())

    def get_context_data(self, **kwargs):
        kwargs["group"], kwargs["session"] = self.meeting
        return super().get_context_data(**kwargs)
