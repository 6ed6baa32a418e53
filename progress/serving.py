"""Handing a finished job's file to its owner, the view having checked who asks.

As for session materials (materials/serving.py, README «Operations»), PRIVATE_FILES_SERVE
says how the bytes go out: streamed by the portal (`django`), by nginx or Apache from an
internal redirect (`x-accel-redirect`, `x-sendfile`), or from S3 by a short-lived signed
address (`redirect`). Every answer is a download (`Content-Disposition: attachment`),
with `X-Content-Type-Options: nosniff`, and never cached.
"""

from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

from .models import Job

NO_STORE = "private, no-store"


def file_response(job: Job) -> HttpResponseBase:
    if not job.has_file:
        raise Http404
    disposition = content_disposition_header(as_attachment=True, filename=job.result_name)
    assert disposition is not None  # None only for inline without a file name
    content_type = job.content_type or "application/octet-stream"
    storage, name = job.result.storage, job.result.name
    mode = settings.PRIVATE_FILES_SERVE
    response: HttpResponseBase
    if mode == "redirect":
        url: str = storage.url(
            name,
            parameters={
                "ResponseContentDisposition": disposition,
                "ResponseContentType": content_type,
                "ResponseCacheControl": NO_STORE,
            },
            expire=settings.PRIVATE_FILES_URL_SECONDS,
        )
        response = HttpResponseRedirect(url)
    elif not storage.exists(name):
        raise Http404
    elif mode == "x-accel-redirect":
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = quote(settings.PRIVATE_FILES_ACCEL_PREFIX + name)
    elif mode == "x-sendfile":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = storage.path(name)
    else:
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
    response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = NO_STORE
    return response
