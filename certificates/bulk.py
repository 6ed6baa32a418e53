"""Course certificates for a whole programme at once: issue them to everyone who qualifies,
and put their PDFs in one ZIP file.

Plain functions, so that they can run in a request now and as a job later: each takes an
optional progress object with `set_total(n)` and `step(n=1)` (the progress app's Progress
has them) and reports one step per person.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from typing import Protocol

from django.utils import timezone

from programme.models import Programme

from . import pdf, selectors
from .models import Certificate
from .services import CertificateError, issue_certificate


class ProgressReporter(Protocol):
    def set_total(self, n: int) -> None: ...

    def step(self, n: int = 1) -> None: ...


def issue_for_programme(
    programme: Programme, progress: ProgressReporter | None = None, *, actor=None
) -> list[Certificate]:
    """Issue the programme's certificate to everyone who has earned it by attendance, and
    return the valid certificates of all who qualify, new and already issued.

    Safe to run twice: issue_certificate returns a certificate already issued, so a second
    run issues nothing new. A withdrawn certificate stays withdrawn and is left out."""
    people = selectors.qualifying_participants(programme)
    if progress is not None:
        progress.set_total(len(people))
    certificates = []
    for person in people:
        try:
            certificate = issue_certificate(participant=person, programme=programme, actor=actor)
        except CertificateError:
            # Attendance changed since the list was read (the rule is checked again under
            # the lock): this person no longer qualifies, the others still do.
            certificate = None
        if certificate is not None and not certificate.is_withdrawn:
            certificate.participant = person
            certificate.programme = programme
            certificates.append(certificate)
        if progress is not None:
            progress.step()
    return certificates


def zip_certificates(
    certificates: Iterable[Certificate], progress: ProgressReporter | None = None
) -> bytes:
    """One ZIP file with a PDF per certificate, named by pdf.file_name (ASCII, unique by
    the code). Withdrawn certificates are left out."""
    ids = [c.pk for c in certificates]
    loaded = (
        Certificate.objects.filter(pk__in=ids, withdrawn_at__isnull=True)
        .select_related("participant__organisation", "programme")
        .order_by("participant__full_name", "pk")
    )
    attendances = selectors.attendances_of_certificates(loaded)
    if progress is not None:
        progress.set_total(len(attendances))
    buffer = io.BytesIO()
    stamp = timezone.localtime().timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for attendance in attendances:
            assert attendance.certificate is not None
            entry = zipfile.ZipInfo(pdf.file_name(attendance.certificate), date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, pdf.render_certificate_pdf(attendance))
            if progress is not None:
                progress.step()
    return buffer.getvalue()
