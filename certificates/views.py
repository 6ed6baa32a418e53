"""Attendance toward the course certificate, the printable certificate and its PDF, and
the public check page. Only the person themself and coordinators see the first three."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from participants.models import Participant
from participants.rules import is_coordinator, participant_of
from programme.models import Programme

from . import pdf, selectors, services
from .forms import CheckForm


class MyCertificatesView(LoginRequiredMixin, TemplateView):
    """«Oppmøte og kursbevis»: the programmes the person takes part in."""

    template_name = "certificates/mine.html"

    def get_context_data(self, **kwargs):
        participant = participant_of(self.request.user)
        if participant is None:
            raise Http404
        return super().get_context_data(
            participant=participant, programmes=selectors.programmes_of(participant), **kwargs
        )


class ParticipantProgrammeMixin(LoginRequiredMixin):
    """Loads self.participant and self.programme; 404 unless the viewer is that person
    or a coordinator."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        viewer = participant_of(request.user)
        participant_pk = kwargs["participant_pk"]
        if viewer is not None and viewer.pk == participant_pk:
            self.participant = viewer
            programmes = Programme.objects.published()
        elif is_coordinator(request.user):
            # The stand-in of a deleted person (privacy) is nobody to certify.
            self.participant = get_object_or_404(
                Participant.objects.select_related("organisation").filter(
                    anonymised_at__isnull=True
                ),
                pk=participant_pk,
            )
            programmes = Programme.objects.all()
        else:
            raise Http404
        self.programme = get_object_or_404(programmes, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)


class AttendanceView(ParticipantProgrammeMixin, TemplateView):
    template_name = "certificates/attendance.html"

    def get_context_data(self, **kwargs):
        attendance = selectors.attendance_of(participant=self.participant, programme=self.programme)
        return super().get_context_data(
            attendance=attendance,
            progress=attendance.progress,
            participant=self.participant,
            programme=self.programme,
            is_own=self.participant.user_id == self.request.user.pk,
            is_coordinator=is_coordinator(self.request.user),
            **kwargs,
        )


class IssueView(ParticipantProgrammeMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            certificate = services.issue_certificate(
                participant=self.participant, programme=self.programme, actor=request.user
            )
        except services.CertificateError as exc:
            messages.error(request, exc.messages[0])
            return redirect(
                "certificates:attendance",
                slug=self.programme.slug,
                participant_pk=self.participant.pk,
            )
        return redirect(certificate.get_absolute_url())


class CertificateView(ParticipantProgrammeMixin, TemplateView):
    """The printable course certificate; 404 until it is issued."""

    template_name = "certificates/certificate.html"

    def get_context_data(self, **kwargs):
        attendance = selectors.attendance_of(participant=self.participant, programme=self.programme)
        if attendance.certificate is None:
            raise Http404
        return super().get_context_data(
            attendance=attendance,
            certificate=attendance.certificate,
            participant=self.participant,
            programme=self.programme,
            verification_url=self.request.build_absolute_uri(
                attendance.certificate.get_verification_url()
            ),
            **kwargs,
        )


class CertificatePdfView(ParticipantProgrammeMixin, View):
    """«Last ned kursbevis (PDF)»: rendered on each download; 404 until issued or once
    withdrawn."""

    def get(self, request, *args, **kwargs):
        attendance = selectors.attendance_of(participant=self.participant, programme=self.programme)
        certificate = attendance.certificate
        if certificate is None or certificate.is_withdrawn:
            raise Http404
        response = HttpResponse(pdf.render_certificate_pdf(attendance), "application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{pdf.file_name(certificate)}"'
        response["Cache-Control"] = "private, no-store"
        return response


class VerifyView(TemplateView):
    """Public: with the code (from the QR code's address or typed in the form) anyone sees
    the name, the programme, the issue date, and whether it is withdrawn. A wrong or
    malformed code answers 404 with the form again."""

    template_name = "certificates/verify.html"

    def get(self, request, *args, **kwargs):
        typed = kwargs.get("code", request.GET.get("kode"))
        form = CheckForm({"kode": typed} if typed is not None else None)
        certificate = None
        if form.is_valid():
            certificate = selectors.certificate_by_code(form.cleaned_data["kode"])
            if certificate is None:
                form.add_error(
                    "kode",
                    _(
                        "No course certificate has this code. Check that it is typed as it "
                        "stands on the certificate."
                    ),
                )
        context = self.get_context_data(form=form, certificate=certificate, **kwargs)
        return self.render_to_response(context, status=404 if form.errors else 200)
