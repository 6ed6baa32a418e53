"""The retention job run now, by a coordinator: what it does, then the job's page with
its progress bar (progress.jobs). Beat runs the same work every night."""

from urllib.parse import urlencode

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from familiestotte.http import signed_in_user
from participants.rules import is_coordinator
from progress.jobs import start_job

from . import retention
from .tasks import run_retention


class RetentionRunView(LoginRequiredMixin, TemplateView):
    """Anonymous: to the log-in page; anyone but a coordinator: 404."""

    template_name = "privacy/retention_run.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_coordinator(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(periods=retention.retention_periods(), **kwargs)

    def post(self, request, *args, **kwargs):
        job = start_job(
            signed_in_user(request),
            kind="retention",
            title=_("Retention: anonymise the inactive, delete old email texts"),
            task=run_retention,
            kwargs={},
        )
        return HttpResponseRedirect(
            f"{job.get_absolute_url()}?{urlencode({'tilbake': request.path})}"
        )
