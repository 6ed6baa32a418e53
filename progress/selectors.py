"""Finding a job for the person asking: only its owner ever finds it."""

from uuid import UUID

from django.http import Http404, HttpRequest

from .models import Job


def own_job(request: HttpRequest, pk: UUID) -> Job:
    """The job, if the signed-in person asked for it; 404 for anyone else, anonymous
    visitors and coordinators included, as if it did not exist. One query (after the
    session and user)."""
    user = request.user
    if not user.is_authenticated:
        raise Http404
    try:
        return Job.objects.get(pk=pk, owner_id=user.pk)
    except Job.DoesNotExist:
        raise Http404 from None
