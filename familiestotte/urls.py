from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from .views import admin_login


@never_cache
def health(request: HttpRequest) -> HttpResponse:
    """A bare view for load balancers and the benchmarks' baseline."""
    return HttpResponse("ok", content_type="text/plain")


admin.site.site_header = _("Familiestøtte – administration")
admin.site.site_title = _("Familiestøtte")
admin.site.index_title = _("Programme administration")

urlpatterns = [
    path("helse/", health, name="health"),
    # Before the admin's own: its log-in is the portal's (familiestotte.views).
    path("admin/login/", admin_login),
    path("", include("operations.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("allauth.urls")),
    path("", include("mypage.urls")),
    path("", include("participants.urls")),
    path("", include("privacy.urls")),
    path("", include("statements.urls")),
    path("", include("registrations.urls")),
    path("", include("coordination.urls")),
    path("", include("supervision.urls")),
    path("", include("implementation.urls")),
    path("", include("resourcegroups.urls")),
    path("", include("evaluations.urls")),
    path("", include("certificates.urls")),
    path("", include("materials.urls")),
    path("", include("progress.urls")),
    path("", include("programme.urls")),
]

if settings.DEBUG:
    # Speakers' photos (public uploads, MEDIA_ROOT) for `make run`; in production the web
    # server serves /media/ (deploy/nginx-familiestotte.conf). Nothing else under media/.
    urlpatterns += static(
        settings.MEDIA_URL + "speakers/", document_root=settings.MEDIA_ROOT / "speakers"
    )
