"""The evaluation form for those who attended, and the results for coordinators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View

from familiestotte.spreadsheets import CSV_CONTENT_TYPE, csv_bytes, file_slug
from participants.models import Participant
from participants.rules import is_coordinator
from programme.models import Session

from . import selectors, services
from .charts import distribution_chart
from .exports import results_rows
from .forms import EvaluationForm
from .models import EVALUATED_KINDS


class AttendedSessionMixin(LoginRequiredMixin, View):
    """The session in the URL, if the person was marked as attending it and it asks
    questions; 404 for anyone else, before any form is read."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.questions:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def session(self) -> Session:
        participant = getattr(self.request.user, "participant", None)
        try:
            return selectors.attended_session(participant=participant, session_pk=self.kwargs["pk"])
        except Session.DoesNotExist as exc:
            raise Http404 from exc

    @property
    def participant(self) -> Participant:
        return self.request.user.participant  # type: ignore[union-attr] # signed in by now

    @cached_property
    def questions(self):
        return selectors.questions_for(self.session)


class EvaluationView(AttendedSessionMixin):
    """One session's evaluation, for those marked as attending it (404 for anyone else).
    Before the session has ended, after OPEN_DAYS, and once answered it says so."""

    def state(self) -> str:
        if services.already_answered(participant=self.participant, session=self.session):
            return "answered"
        return selectors.status(self.session, now=timezone.now())

    def page(self, state: str, form: EvaluationForm | None = None) -> TemplateResponse:
        context = {
            "session": self.session,
            "state": state,
            "closes_at": selectors.closes_at(self.session),
        }
        context["form"] = form or EvaluationForm(questions=self.questions)
        return TemplateResponse(self.request, "evaluations/answer.html", context)

    def get(self, request, pk):
        return self.page(self.state())

    def post(self, request, pk):
        state = self.state()
        if state != "open":
            return self.page(state)
        form = EvaluationForm(request.POST, questions=self.questions)
        if not form.is_valid():
            return self.page(state, form)
        if services.submit_evaluation(
            participant=self.participant, session=self.session, answers=form.answers()
        ):
            messages.success(request, _("Thank you for your answers."))
        return redirect(request.path)


class CoordinatorOnlyMixin(LoginRequiredMixin, View):
    """Anonymous: to the log-in page. Signed in but not a coordinator: 404, as if absent.
    (coordination's mixin says the same; evaluations sits below coordination.)"""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_coordinator(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def evaluated_session(self) -> Session:
        queryset = Session.objects.select_related("programme").filter(kind__in=EVALUATED_KINDS)
        return get_object_or_404(queryset, pk=self.kwargs["pk"])


class SessionListView(CoordinatorOnlyMixin):
    """Every training day and leader gathering that has ended, with its counts."""

    def get(self, request):
        sessions = selectors.evaluated_sessions(now=timezone.now())
        context = {"sessions": sessions, "min_answers": selectors.MIN_ANSWERS}
        return TemplateResponse(request, "evaluations/session_list.html", context)


class ResultsView(CoordinatorOnlyMixin):
    """A session's results: counts, and from MIN_ANSWERS answers on the averages, the
    distributions (chart and table) and the comments."""

    def get(self, request, pk):
        results = selectors.session_results(self.evaluated_session())
        for result in results.questions:
            result.chart = distribution_chart(result.distribution)
        context = {"results": results, "min_answers": selectors.MIN_ANSWERS}
        return TemplateResponse(request, "evaluations/results.html", context)


class ResultsCsvView(CoordinatorOnlyMixin):
    """The results as CSV; below MIN_ANSWERS answers, back to the page, which says why."""

    def get(self, request, pk):
        session = self.evaluated_session()
        results = selectors.session_results(session)
        if not results.shown:
            messages.info(
                request,
                _("The results can be exported once at least %(n)d have answered.")
                % {"n": selectors.MIN_ANSWERS},
            )
            return redirect("evaluations:results", pk=session.pk)
        header, rows = results_rows(results)
        response = HttpResponse(csv_bytes(header, rows), content_type=CSV_CONTENT_TYPE)
        name = file_slug(f"evaluering-{session.programme.slug}-{session.title}")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
