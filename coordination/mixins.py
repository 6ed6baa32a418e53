"""Who may use the coordinator pages, and the session a page is about."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.urls import reverse
from django.views.generic import View
from django.views.generic.base import ContextMixin

from participants.rules import is_coordinator
from programme.models import Session

from . import selectors


class CoordinatorRequiredMixin(LoginRequiredMixin):
    """Anonymous: to the log-in page. Signed in but not a coordinator: 404, as if absent."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_coordinator(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class SessionMixin(CoordinatorRequiredMixin, ContextMixin, View):
    """The session named in the URL, with its programme, venue and seat counts.

    ContextMixin and View are bases for the type checker's sake (get_context_data, kwargs);
    in every view's MRO they still come after the generic view the mixin is used with."""

    _session: Session

    def get_session(self) -> Session:
        if not hasattr(self, "_session"):
            try:
                self._session = selectors.session_for_coordinator(self.kwargs["pk"])
            except Session.DoesNotExist as exc:
                raise Http404 from exc
        return self._session

    def session_url(self) -> str:
        return reverse("coordination:session", kwargs={"pk": self.kwargs["pk"]})

    def get_context_data(self, **kwargs):
        kwargs.setdefault("session", self.get_session())
        return super().get_context_data(**kwargs)
