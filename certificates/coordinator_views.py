"""Coordinators' certificate pages: who qualifies for a programme's certificate, issuing
to all of them at once, all the PDFs as one ZIP, and withdrawing a certificate.

Signed-in people who are not coordinators get 404, as if the pages were not there."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView, View

from participants.rules import is_coordinator
from programme.models import Programme

from . import bulk, selectors, services
from .forms import WithdrawForm
from .models import Certificate
from .tasks import start_zip


class CoordinatorProgrammeMixin(LoginRequiredMixin):
    """Loads self.programme (published or not); 404 for anyone but a coordinator."""

    programme: Programme

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_coordinator(request.user):
            raise Http404
        self.programme = get_object_or_404(Programme, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)


class RosterView(CoordinatorProgrammeMixin, TemplateView):
    """«Kursbevis for programmet»: each person's attended days, and their certificate."""

    template_name = "certificates/roster.html"

    def get_context_data(self, **kwargs):
        roster = selectors.roster_of(self.programme)
        return super().get_context_data(roster=roster, programme=self.programme, **kwargs)


class BulkIssueView(CoordinatorProgrammeMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        before = Certificate.objects.filter(programme=self.programme).count()
        bulk.issue_for_programme(self.programme, actor=request.user)
        issued = Certificate.objects.filter(programme=self.programme).count() - before
        if issued:
            text = ngettext(
                "%(count)s course certificate issued.",
                "%(count)s course certificates issued.",
                issued,
            )
            messages.success(request, text % {"count": issued})
        else:
            messages.info(request, _("Everyone who qualifies already has a course certificate."))
        return redirect("certificates:roster", slug=self.programme.slug)


class ZipView(CoordinatorProgrammeMixin, View):
    """All valid certificates of the programme as PDFs in one ZIP, made by a worker: the
    coordinator follows it on the job's page, which offers the file when it is ready. A
    POST: a link elsewhere cannot start the work on a coordinator's behalf."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        job = start_zip(request.user, self.programme)
        back = reverse("certificates:roster", kwargs={"slug": self.programme.slug})
        return HttpResponseRedirect(f"{job.get_absolute_url()}?{urlencode({'tilbake': back})}")


class WithdrawView(CoordinatorProgrammeMixin, FormView):
    """Asks for the reason, then withdraws the person's certificate for the programme."""

    template_name = "certificates/withdraw.html"
    form_class = WithdrawForm

    def get_certificate(self) -> Certificate:
        if not hasattr(self, "_certificate"):
            self._certificate = get_object_or_404(
                Certificate.objects.select_related("participant__organisation"),
                programme=self.programme,
                participant_id=self.kwargs["participant_pk"],
            )
            self._certificate.programme = self.programme
        return self._certificate

    def get_context_data(self, **kwargs):
        return super().get_context_data(certificate=self.get_certificate(), **kwargs)

    def form_valid(self, form):
        certificate = services.withdraw_certificate(
            self.get_certificate(), form.cleaned_data["reason"], self.request.user
        )
        messages.success(self.request, _("The course certificate is withdrawn."))
        return redirect("certificates:roster", slug=certificate.programme.slug)
