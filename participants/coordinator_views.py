"""The coordinator area (Koordinator): session lists, changes by hand, attendance, exports,
messages to a session or a whole programme.

Every view answers 404 to anyone who is not a coordinator, and sends anonymous
visitors to log in. The rules live in participants.services; these views only
check permissions, read forms and call them.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, TemplateView

from familiestotte import spreadsheets
from notifications.services import (
    CoordinatorMessage,
    ProgrammeAudience,
    message_programme,
    message_session,
    sent_messages,
    sent_programme_messages,
)
from programme.models import Programme, Session

from . import coordinator_selectors, exports, selectors, services
from .coordinator_forms import (
    AddParticipantForm,
    AttendanceForm,
    CapacityForm,
    MessageForm,
    ParticipantSearchForm,
    ProgrammeMessageForm,
    RemoveForm,
)
from .models import Registration
from .rules import is_coordinator


class CoordinatorRequiredMixin(LoginRequiredMixin):
    """Anonymous: to the log-in page. Signed in but not a coordinator: 404, as if absent."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_coordinator(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class SessionMixin(CoordinatorRequiredMixin):
    """The session named in the URL, with its programme, venue and seat counts."""

    def get_session(self) -> Session:
        if not hasattr(self, "_session"):
            try:
                self._session = coordinator_selectors.session_for_coordinator(self.kwargs["pk"])
            except Session.DoesNotExist as exc:
                raise Http404 from exc
        return self._session

    def session_url(self) -> str:
        return reverse("participants:coordinator_session", kwargs={"pk": self.kwargs["pk"]})

    def get_context_data(self, **kwargs):
        kwargs.setdefault("session", self.get_session())
        return super().get_context_data(**kwargs)


class OverviewView(CoordinatorRequiredMixin, TemplateView):
    """Every programme with its sessions and their confirmed, waitlisted and capacity counts."""

    template_name = "participants/coordinator/overview.html"

    def get_context_data(self, **kwargs):
        kwargs["programmes"] = coordinator_selectors.programmes_with_sessions()
        return super().get_context_data(**kwargs)


class SessionListView(SessionMixin, TemplateView):
    """A session's list: confirmed, the waiting list in order, cancelled."""

    template_name = "participants/coordinator/session_list.html"

    def get_context_data(self, **kwargs):
        kwargs["roster"] = selectors.session_list(self.get_session())
        return super().get_context_data(**kwargs)


class AddParticipantView(SessionMixin, FormView):
    """Add a person by hand: past the deadline and the audience, never past capacity."""

    template_name = "participants/coordinator/add_participant.html"
    form_class = AddParticipantForm

    def get_search_form(self) -> ParticipantSearchForm:
        if not hasattr(self, "_search_form"):
            self._search_form = ParticipantSearchForm(self.request.GET or None)
        return self._search_form

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "session": self.get_session(),
            "query": self.get_search_form().query(),
        }

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or self.get_form()
        kwargs["form"] = form
        kwargs["search_form"] = self.get_search_form()
        kwargs["shown"], kwargs["more"] = form.narrow()
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        participant = form.cleaned_data["participant"]
        try:
            registration = services.register(
                participant=participant,
                session=self.get_session(),
                actor=self.request.user,
                force=True,
            )
        except ValidationError as error:
            form.add_error("participant", error)
            return self.form_invalid(form)
        if registration.status == Registration.Status.CONFIRMED:
            text = _("%(name)s is registered for the session.")
        else:
            text = _("The session is full: %(name)s is on the waiting list.")
        messages.success(self.request, text % {"name": participant.full_name})
        return HttpResponseRedirect(self.session_url())


class RemoveView(SessionMixin, FormView):
    """Cancel a registration after a confirmation step; the first on the waiting list moves up."""

    template_name = "participants/coordinator/remove.html"
    form_class = RemoveForm

    def get_registration(self) -> Registration:
        if not hasattr(self, "_registration"):
            self._registration = get_object_or_404(
                Registration.objects.select_related(
                    "participant__user", "participant__organisation"
                ),
                pk=self.kwargs["registration_pk"],
                session_id=self.get_session().pk,
            )
        return self._registration

    def get(self, request, *args, **kwargs):
        if self.get_registration().status == Registration.Status.CANCELLED:
            return self.already_cancelled()
        return super().get(request, *args, **kwargs)

    def already_cancelled(self):
        messages.info(
            self.request,
            _("%(name)s was already cancelled.")
            % {"name": self.get_registration().participant.full_name},
        )
        return HttpResponseRedirect(self.session_url())

    def get_context_data(self, **kwargs):
        kwargs["registration"] = self.get_registration()
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        registration = self.get_registration()
        if registration.status == Registration.Status.CANCELLED:
            return self.already_cancelled()
        try:
            promoted = services.cancel(registration=registration, actor=self.request.user)
        except ValidationError as error:
            for text in error.messages:
                messages.error(self.request, text)
            return HttpResponseRedirect(self.session_url())
        messages.success(
            self.request,
            _("%(name)s is removed from the session.")
            % {"name": registration.participant.full_name},
        )
        if promoted is not None:
            messages.info(
                self.request,
                _("%(name)s moved up from the waiting list and has been told by email.")
                % {"name": promoted.participant.full_name},
            )
        return HttpResponseRedirect(self.session_url())


class CapacityView(SessionMixin, FormView):
    """Change the number of seats; raising it promotes from the waiting list in order."""

    template_name = "participants/coordinator/capacity.html"
    form_class = CapacityForm

    def get_initial(self):
        return {"capacity": self.get_session().capacity}

    def form_valid(self, form):
        try:
            promoted = services.change_capacity(
                session=self.get_session(),
                capacity=form.cleaned_data["capacity"],
                actor=self.request.user,
            )
        except ValidationError as error:
            form.add_error("capacity", error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The session now has %(capacity)s seats.")
            % {"capacity": form.cleaned_data["capacity"]},
        )
        if promoted:
            names = ", ".join(r.participant.full_name for r in promoted)
            messages.info(
                self.request, _("Moved up from the waiting list: %(names)s.") % {"names": names}
            )
        return HttpResponseRedirect(self.session_url())


class MessageMixin:
    """What the session's and the programme's message forms share: a fresh token names
    each message, and the coordinator is told how many people it goes to."""

    def get_initial(self):
        return {"token": uuid.uuid4().hex}

    def message(self, form) -> CoordinatorMessage:
        return CoordinatorMessage(
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            message_id=form.cleaned_data["token"],
            sender=self.request.user,
        )

    def announce(self, count: int) -> None:
        messages.success(
            self.request,
            ngettext(
                "The message is on its way to %(count)s person.",
                "The message is on its way to %(count)s people.",
                count,
            )
            % {"count": count},
        )


class MessageView(SessionMixin, MessageMixin, FormView):
    """Email a message to everyone registered (and, if chosen, those waiting)."""

    template_name = "participants/coordinator/message.html"
    form_class = MessageForm

    def get_context_data(self, **kwargs):
        kwargs["sent"] = sent_messages(self.get_session())
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        count = message_session(
            session=self.get_session(),
            message=self.message(form),
            include_waitlisted=form.cleaned_data["include_waitlisted"],
        )
        if count == 0:
            form.add_error(
                None, _("Nobody is registered for this session, so nobody would get it.")
            )
            return self.form_invalid(form)
        self.announce(count)
        return HttpResponseRedirect(self.session_url())


class ProgrammeMessageView(CoordinatorRequiredMixin, MessageMixin, FormView):
    """Email a message to a whole programme: the leaders of its participating units, or
    everyone registered for a coming session (and, if chosen, those waiting)."""

    template_name = "participants/coordinator/programme_message.html"
    form_class = ProgrammeMessageForm

    def get_programme(self) -> Programme:
        if not hasattr(self, "_programme"):
            self._programme = get_object_or_404(Programme, slug=self.kwargs["slug"])
        return self._programme

    def get_initial(self):
        return {**super().get_initial(), "audience": ProgrammeAudience.LEADERS}

    def get_context_data(self, **kwargs):
        programme = self.get_programme()
        kwargs["programme"] = programme
        kwargs["counts"] = coordinator_selectors.programme_audience_counts(programme)
        kwargs["sent"] = sent_programme_messages(programme)
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        audience = form.cleaned_data["audience"]
        count = message_programme(
            programme=self.get_programme(),
            audience=audience,
            message=self.message(form),
            include_waitlisted=form.cleaned_data["include_waitlisted"],
        )
        if count == 0:
            if audience == ProgrammeAudience.LEADERS:
                error = _(
                    "No participating unit of the programme has a confirmed leader, so "
                    "nobody would get it."
                )
            else:
                error = _(
                    "Nobody is registered for a coming session of the programme, so nobody "
                    "would get it."
                )
            form.add_error("audience", error)
            return self.form_invalid(form)
        self.announce(count)
        return HttpResponseRedirect(self.request.path)


class AttendanceMixin:
    """Attended / did not attend for every confirmed person of `get_session()`, saved in
    one transaction by services.record_attendances with the signed-in user as actor, then
    back to `back_url()`. The coordinator's and the supervisor's attendance pages share it;
    each view looks the session up and checks the permission itself."""

    form_class = AttendanceForm

    def back_url(self) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        session = self.get_session()
        if timezone.now() < session.starts_at:
            kwargs["too_early"] = services.attendance_too_early(session)
        kwargs.setdefault("back_url", self.back_url())
        return super().get_context_data(**kwargs)

    def attendees(self) -> list[Registration]:
        """The confirmed registrations the form lists."""
        return selectors.session_list(self.get_session()).confirmed

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "registrations": self.attendees()}

    def form_valid(self, form):
        changes = form.changes()
        try:
            services.record_attendances(
                session_id=self.get_session().pk, changes=changes, actor=self.request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if changes:
            messages.success(
                self.request,
                ngettext(
                    "Attendance is saved for %(count)s person.",
                    "Attendance is saved for %(count)s people.",
                    len(changes),
                )
                % {"count": len(changes)},
            )
        else:
            messages.info(self.request, _("Nothing was changed."))
        return HttpResponseRedirect(self.back_url())


class AttendanceView(SessionMixin, AttendanceMixin, FormView):
    """The coordinator takes attendance at any session; back to the session's list."""

    template_name = "participants/coordinator/attendance.html"

    def back_url(self) -> str:
        return self.session_url()


class ExportView(SessionMixin, View):
    """The session's list as a file: CSV (UTF-8 with BOM, `;`) or XLSX."""

    http_method_names = ["get", "head"]
    extension = "csv"

    def get(self, request, *args, **kwargs):
        session = self.get_session()
        registrations = coordinator_selectors.everyone(selectors.session_list(session))
        if self.extension == "xlsx":
            content = exports.to_xlsx(session, registrations)
            content_type = spreadsheets.XLSX_CONTENT_TYPE
        else:
            content = exports.to_csv(registrations)
            content_type = spreadsheets.CSV_CONTENT_TYPE
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=exports.filename(session, self.extension)
        )
        response["Cache-Control"] = "private, no-store"
        return response
