"""All of a programme's valid certificates as PDFs in one ZIP, made by a worker as a job
with a progress bar (progress.jobs): each PDF takes about half a second to render."""

from django.utils.translation import gettext as _

from programme.models import Programme
from progress.jobs import Progress, job_task, start_job
from progress.models import Job

from . import bulk
from .models import Certificate


@job_task("certificates.zip_programme")
def zip_programme(progress: Progress, *, programme_id: int) -> None:
    programme = Programme.objects.get(pk=programme_id)
    certificates = Certificate.objects.filter(programme=programme, withdrawn_at__isnull=True)
    data = bulk.zip_certificates(certificates, progress)
    progress.attach_file(f"kursbevis-{programme.slug}.zip", data, "application/zip")


def start_zip(owner, programme: Programme) -> Job:
    title = _("Course certificates of %(programme)s (ZIP)") % {"programme": programme.name}
    return start_job(
        owner,
        kind="certificates",
        title=title,
        task=zip_programme,
        kwargs={"programme_id": programme.pk},
    )
