from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .readiness import may_see_detail, readiness


@never_cache
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    """Readiness as JSON: 200 when every part is up, 503 naming the parts that are down.
    Others than READINESS_ALLOWED_IPS, asking straight, see only the status."""
    report = readiness()
    status = 503 if report["failing"] else 200
    if not may_see_detail(request.META):
        report = {"status": report["status"]}
    return JsonResponse(report, status=status)
