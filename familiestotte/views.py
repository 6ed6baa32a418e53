"""The project's own views: the admin's log-in, which is the portal's."""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode


def admin_login(request: HttpRequest) -> HttpResponseRedirect:
    """/admin/login/ sends people to the portal's log-in (allauth), so its rate limits
    and lock-out protect the coordinators' (superusers') passwords too; Django's admin
    log-in has none. Back to the admin page asked for once signed in.

    Someone signed in who may not use the admin gets the 403 page: the portal's log-in
    would send them straight back here.
    """
    next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
    if admin.site.has_permission(request):
        return HttpResponseRedirect(reverse("admin:index"))
    if request.user.is_authenticated:
        raise PermissionDenied
    return HttpResponseRedirect(
        reverse("account_login") + "?" + urlencode({REDIRECT_FIELD_NAME: next_url})
    )
