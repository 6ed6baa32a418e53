"""A job's page, its status as JSON for the page's script, and its file.

Only the person who asked for the job sees any of them: everyone else, anonymous visitors
and other coordinators included, gets 404. After its day the page says the job has
expired (with 404), and the status and file answer 404.
"""

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import View

from . import serving
from .models import Job
from .selectors import own_job

# Seconds between reloads of the page in a browser without JavaScript.
RELOAD_SECONDS = 3


class JobView(View):
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, pk: UUID) -> HttpResponse:
        job = own_job(request, pk)
        if job.is_expired():
            return render(request, "progress/expired.html", {"job": job}, status=404)
        context = {
            "job": job,
            "reload_seconds": RELOAD_SECONDS,
            "text": progress_text(job),
            "back_url": back_url(request),
        }
        return render(request, "progress/job.html", context)


class JobStatusView(View):
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, pk: UUID) -> JsonResponse:
        job = own_job(request, pk)
        if job.is_expired():
            raise Http404
        response = JsonResponse(
            {
                "status": job.status,
                "done": job.done,
                "total": job.total,
                "percent": job.percent,
                "message": job.message,
                "text": progress_text(job),
                "download_url": job.download_url(),
            }
        )
        response["Cache-Control"] = "private, no-store"
        return response


class JobFileView(View):
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, pk: UUID) -> HttpResponseBase:
        job = own_job(request, pk)
        if job.is_expired():
            raise Http404
        return serving.file_response(job)


def back_url(request: HttpRequest) -> str:
    """Where «Back» leads: `?tilbake=<path>` if it is a path on this portal."""
    url = request.GET.get("tilbake", "")
    safe = url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if safe else ""


def progress_text(job: Job) -> str:
    """«120 av 480 (25 %)»: what the progress bar shows, also in words."""
    if job.status == Job.Status.QUEUED:
        return _("Waiting to start …")
    if job.status == Job.Status.DONE and not job.total:
        return pgettext("job", "Done.")
    if not job.total:
        return _("Started …")
    return _("%(done)s of %(total)s (%(percent)s %%)") % {
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
    }
