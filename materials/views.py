"""A session material's file, for the people confirmed for the session and coordinators.

Everyone else, anonymous visitors included, gets 404: the file might as well not exist.
"""

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.views import View

from programme.models import Material

from . import serving


class MaterialFileView(View):
    http_method_names = ["get"]

    def get(self, request: HttpRequest, session_pk: int, pk: int) -> HttpResponseBase:
        material = get_object_or_404(
            Material.objects.select_related("session"), pk=pk, session_id=session_pk
        )
        if not request.user.has_perm("materials.read", material.session):
            raise Http404
        return serving.file_response(material)
