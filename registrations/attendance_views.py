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

from .attendance import attendance_too_early, record_attendances
from .forms import AttendanceForm
from .selectors import session_list


class AttendanceFormView(FormView):
    """Attended / did not attend for every confirmed person of `get_session()`, saved in
    one transaction with the signed-in user as actor, then back to `back_url()`. Each
    view (coordinator's, supervisor's) looks the session up and checks permission."""

    form_class = AttendanceForm

    def get_session(self) -> Session:
        raise NotImplementedError

    def back_url(self) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        session = self.get_session()
        if timezone.now() < session.starts_at:
            kwargs["too_early"] = attendance_too_early(session)
        kwargs.setdefault("back_url", self.back_url())
        return super().get_context_data(**kwargs)

    def attendees(self) -> list[Registration]:
        """The confirmed registrations the form lists."""
        return session_list(self.get_session()).confirmed

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "registrations": self.attendees()}

    def form_valid(self, form: AttendanceForm) -> HttpResponse:
        changes = form.changes()
        try:
            record_attendances(
                session_id=self.get_session().pk,
                changes=changes,
                actor=signed_in_user(self.request),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        tell_saved(self.request, len(changes))
        return HttpResponseRedirect(self.back_url())


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
