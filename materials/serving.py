"""Handing a material's file to someone the view has let through.

Every answer names the file by its original name (RFC 6266, non-ASCII as filename*), says
its checked type with `X-Content-Type-Options: nosniff` and is never cached. The bytes come
from the portal (`django`), from the web server by an internal redirect (`x-accel-redirect`
for nginx, `x-sendfile`), or from S3 by a short-lived signed address (`redirect`), as
PRIVATE_FILES_SERVE says (familiestotte/settings.py, README «Operations»).
"""

from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

from programme.models import Material


def file_response(material: Material) -> HttpResponseBase:
    """The file of a checked material; 404 when it has none or it is gone from storage."""
    if not material.file or not material.content_type:
        raise Http404  # a link, or a file from before the type check: never served
    disposition = content_disposition_header(
        as_attachment=not material.is_inline, filename=material.original_name or "materiell"
    )
    assert disposition is not None  # None only for inline without a file name
    mode = settings.PRIVATE_FILES_SERVE
    if mode == "redirect":
        response: HttpResponseBase = HttpResponseRedirect(signed_url(material, disposition))
    else:
        response = local_response(material, mode)
    response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def local_response(material: Material, mode: str) -> HttpResponseBase:
    storage, name = material.file.storage, material.file.name
    if not storage.exists(name):
        raise Http404
    if mode == "x-accel-redirect":
        response = HttpResponse(content_type=material.content_type)
        response["X-Accel-Redirect"] = quote(settings.PRIVATE_FILES_ACCEL_PREFIX + name)
        return response
    if mode == "x-sendfile":
        response = HttpResponse(content_type=material.content_type)
        response["X-Sendfile"] = storage.path(name)
        return response
    return FileResponse(storage.open(name, "rb"), content_type=material.content_type)


def signed_url(material: Material, disposition: str) -> str:
    """The object's address, signed for PRIVATE_FILES_URL_SECONDS, with the answer's
    headers fixed in the signature (S3's response-* parameters)."""
    url: str = material.file.storage.url(
        material.file.name,
        parameters={
            "ResponseContentDisposition": disposition,
            "ResponseContentType": material.content_type,
            "ResponseCacheControl": "private, no-store",
        },
        expire=settings.PRIVATE_FILES_URL_SECONDS,
    )
    return url
