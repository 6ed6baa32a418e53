"""The attendance form a coordinator (coordination) and a group's supervisor
(supervision) both use."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView

from familiestotte.http import signed_in_user
from participants.models import Registration
from programme.models import Session

from .attendance import attendance_too_early, record_attendances, surname_order
from .forms import AttendanceForm
from .selectors import session_list


class AttendanceFormView(FormView):
    """Attendance of everyone confirmed for `get_session()`, saved in one transaction;
    each view (coordinator's, supervisor's) finds the session and checks permission."""

    form_class = AttendanceForm

    def get_session(self) -> Session:
        raise NotImplementedError

    def back_url(self) -> str:
        raise NotImplementedError

    def after_save_url(self) -> str:  # the coordinator's view stays at the door
        return self.back_url()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        session = self.get_session()
        if timezone.now() < session.starts_at:
            kwargs["too_early"] = attendance_too_early(session)
        return super().get_context_data(**{"back_url": self.back_url(), **kwargs})

    def attendees(self) -> list[Registration]:
        """The confirmed registrations the form lists, by surname."""
        return surname_order(session_list(self.get_session()).confirmed)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "registrations": self.attendees()}

    def form_valid(self, form: AttendanceForm) -> HttpResponse:
        changes = form.changes(everyone_attended="all_attended" in self.request.POST)
        actor = signed_in_user(self.request)
        try:
            record_attendances(session_id=self.get_session().pk, changes=changes, actor=actor)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        tell_saved(self.request, len(changes))
        return HttpResponseRedirect(self.after_save_url())


def tell_saved(request: HttpRequest, count: int) -> None:
    if not count:
        messages.info(request, _("Nothing was changed."))
        return
    messages.success(
        request,
        ngettext(
            "Attendance is saved for %(count)s person.",
            "Attendance is saved for %(count)s people.",
            count,
        )
        % {"count": count},
    )
