"""Attendance toward the course certificate, the printable certificate, and the public
verification page. Only the person themself and coordinators see the first two."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView, View

from participants.models import Participant
from participants.rules import is_coordinator, participant_of
from programme.models import Programme

from . import selectors, services
from .models import Certificate


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


class VerifyView(TemplateView):
    """Public: anyone with the code sees the name, the programme and the issue date."""

    template_name = "certificates/verify.html"

    def get_context_data(self, **kwargs):
        certificate = get_object_or_404(
            Certificate.objects.select_related("participant", "programme").only(
                "issued_at", "code", "participant__full_name", "programme__name"
            ),
            code=kwargs["code"].strip().upper(),
        )
        return super().get_context_data(certificate=certificate, **kwargs)
