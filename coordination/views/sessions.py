"""The coordinator's sessions: every programme's sessions with their seats, and each
session's list, with people added and removed by hand, capacity, attendance and the
list as a file.

Every view answers 404 to anyone who is not a coordinator, and sends anonymous
visitors to log in. The rules live in registrations; these views check permissions,
read forms and call them.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from certificates.services import withdraw_unearned
from familiestotte import spreadsheets
from familiestotte.http import signed_in_user
from participants.models import Registration
from progress.jobs import start_job
from registrations import services
from registrations.attendance import add_walk_in, attendance_history
from registrations.attendance_views import AttendanceFormView
from registrations.selectors import session_list

from .. import exports, roster, selectors
from ..attendance_forms import WalkInForm
from ..forms import AddParticipantForm, CapacityForm, ParticipantSearchForm, RemoveForm
from ..mixins import CoordinatorRequiredMixin, SessionMixin
from ..tasks import export_session_list


class SessionOverviewView(CoordinatorRequiredMixin, TemplateView):
    """Every programme with its sessions and their confirmed, waitlisted and capacity counts."""

    template_name = "coordination/overview.html"

    def get_context_data(self, **kwargs):
        kwargs["programmes"] = selectors.programmes_with_sessions()
        return super().get_context_data(**kwargs)


class SessionListView(SessionMixin, TemplateView):
    """A session's list: confirmed, the waiting list in order, cancelled; searchable, and
    at most roster.SHOWN rows a section unless all are asked for (`?alle=1`)."""

    template_name = "coordination/session_list.html"

    def get_context_data(self, **kwargs):
        kwargs["roster"] = full = session_list(self.get_session())
        kwargs["search_form"] = search = ParticipantSearchForm(self.request.GET or None)
        show_all = self.request.GET.get("alle") == "1"
        kwargs["sections"] = roster.sections(full, query=search.query(), show_all=show_all)
        return super().get_context_data(**kwargs)


class AddParticipantView(SessionMixin, FormView):
    """Add a person by hand: past the deadline and the audience, never past capacity."""

    template_name = "coordination/add_participant.html"
    form_class = AddParticipantForm

    @cached_property
    def search_form(self) -> ParticipantSearchForm:
        return ParticipantSearchForm(self.request.GET or None)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "session": self.get_session(),
            "query": self.search_form.query(),
        }

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or self.get_form()
        kwargs["form"] = form
        kwargs["search_form"] = self.search_form
        kwargs["shown"], kwargs["more"] = form.narrow()
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        participant = form.cleaned_data["participant"]
        try:
            registration = services.register(
                participant=participant,
                session=self.get_session(),
                actor=signed_in_user(self.request),
                force=True,
            )
        except ValidationError as error:
            form.add_error("participant", error)
            return self.form_invalid(form)
        tell_registered(self.request, registration)
        return HttpResponseRedirect(self.session_url())


class RemoveView(SessionMixin, FormView):
    """Cancel a registration after a confirmation step; the first on the waiting list moves up."""

    template_name = "coordination/remove.html"
    form_class = RemoveForm

    @cached_property
    def registration(self) -> Registration:
        return get_object_or_404(
            Registration.objects.select_related("participant__user", "participant__organisation"),
            pk=self.kwargs["registration_pk"],
            session_id=self.get_session().pk,
        )

    def get(self, request, *args, **kwargs):
        if self.registration.status == Registration.Status.CANCELLED:
            return self.already_cancelled()
        return super().get(request, *args, **kwargs)

    def already_cancelled(self):
        tell_already_cancelled(self.request, self.registration)
        return HttpResponseRedirect(self.session_url())

    def get_context_data(self, **kwargs):
        kwargs["registration"] = self.registration
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        registration, actor = self.registration, signed_in_user(self.request)
        if registration.status == Registration.Status.CANCELLED:
            return self.already_cancelled()
        try:
            promoted = services.cancel(registration=registration, actor=actor)
        except ValidationError as error:
            for text in error.messages:
                messages.error(self.request, text)
            return HttpResponseRedirect(self.session_url())
        tell_removed(self.request, registration, promoted)
        return HttpResponseRedirect(self.session_url())


class CapacityView(SessionMixin, FormView):
    """Change the number of seats; raising it promotes from the waiting list in order."""

    template_name = "coordination/capacity.html"
    form_class = CapacityForm

    def get_initial(self):
        return {"capacity": self.get_session().capacity}

    def form_valid(self, form):
        try:
            promoted = services.change_capacity(
                session=self.get_session(),
                capacity=form.cleaned_data["capacity"],
                actor=signed_in_user(self.request),
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


class AttendanceView(SessionMixin, AttendanceFormView):
    """The coordinator takes attendance at any session, on a tablet at the door too:
    «Alle møtt» then the exceptions, walk-ins, and the history of every mark."""

    template_name = "coordination/attendance.html"

    def back_url(self) -> str:
        return self.session_url()

    def after_save_url(self) -> str:
        return self.request.path  # at the door, the next correction follows

    def form_valid(self, form):
        """A certificate that a correction leaves unearned is withdrawn (training days)."""
        corrected = [r.participant_id for r, attended in form.changes() if attended is not True]
        response = super().form_valid(form)
        session = self.get_session()
        if response.status_code == 302 and session.kind == session.Kind.TRAINING_DAY:
            withdraw_unearned(
                programme=session.programme, participant_ids=corrected, by=self.request.user
            )
        return response

    def get_context_data(self, **kwargs):
        kwargs["history"] = attendance_history(self.get_session())
        return super().get_context_data(**kwargs)


class WalkInView(AddParticipantView):
    """Add someone who came without a seat as attending, with the reason."""

    template_name = "coordination/walk_in.html"
    form_class = WalkInForm

    def form_valid(self, form):
        participant = form.cleaned_data["participant"]
        try:
            add_walk_in(
                session=self.get_session(),
                participant=participant,
                reason=form.cleaned_data["reason"],
                actor=signed_in_user(self.request),
            )
        except ValidationError as error:
            form.add_error("participant", error)
            return self.form_invalid(form)
        text = _("%(name)s is added as attending.") % {"name": participant.full_name}
        messages.success(self.request, text)
        return HttpResponseRedirect(reverse("coordination:attendance", args=[self.kwargs["pk"]]))


def start_export_job(request, session, extension: str, *, dietary: bool):
    """A long list is made by a worker, as a job of the coordinator's."""
    return start_job(
        signed_in_user(request),
        kind="export",
        title=_("Participant list: %(session)s") % {"session": session.numbered_title},
        task=export_session_list,
        kwargs={"session_id": session.pk, "extension": extension, "with_dietary_needs": dietary},
    )


class ExportView(SessionMixin, View):
    """The session's list as a file: CSV (UTF-8 with BOM, `;`) or XLSX; with dietary
    needs only when asked for (`?dietary=1`). A long list (exports.made_as_job) is made
    by a worker, followed on the job's page, which offers the file when it is ready."""

    http_method_names = ["get", "head"]
    extension = "csv"

    def get(self, request, *args, **kwargs):
        session = self.get_session()
        dietary = request.GET.get("dietary") == "1"
        if exports.made_as_job(session):
            job = start_export_job(request, session, self.extension, dietary=dietary)
            back = urlencode({"tilbake": self.session_url()})
            return HttpResponseRedirect(f"{job.get_absolute_url()}?{back}")
        registrations = selectors.everyone(session_list(session))
        if self.extension == "xlsx":
            content = exports.to_xlsx(session, registrations, with_dietary_needs=dietary)
            content_type = spreadsheets.XLSX_CONTENT_TYPE
        else:
            content = exports.to_csv(registrations, with_dietary_needs=dietary)
            content_type = spreadsheets.CSV_CONTENT_TYPE
        response = HttpResponse(content, content_type=content_type)
        disposition = content_disposition_header(
            as_attachment=True, filename=exports.filename(session, self.extension)
        )
        assert disposition is not None  # None only for inline without a file name
        response["Content-Disposition"] = disposition
        response["Cache-Control"] = "private, no-store"
        return response


def tell_registered(request: HttpRequest, registration: Registration) -> None:
    if registration.status == Registration.Status.CONFIRMED:
        text = _("%(name)s is registered for the session.")
    else:
        text = _("The session is full: %(name)s is on the waiting list.")
    messages.success(request, text % {"name": registration.participant.full_name})


def tell_removed(
    request: HttpRequest, registration: Registration, promoted: Registration | None
) -> None:
    messages.success(
        request,
        _("%(name)s is removed from the session.") % {"name": registration.participant.full_name},
    )
    if promoted is not None:
        messages.info(
            request,
            _("%(name)s moved up from the waiting list and has been told by email.")
            % {"name": promoted.participant.full_name},
        )


def tell_already_cancelled(request: HttpRequest, registration: Registration) -> None:
    messages.info(
        request,
        _("%(name)s was already cancelled.") % {"name": registration.participant.full_name},
    )
