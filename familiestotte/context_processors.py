from django.conf import settings


def portal(request):
    """What every page needs: the signed-in person's profile and the demo flag."""
    user = getattr(request, "user", None)
    profile = getattr(user, "participant", None) if user and user.is_authenticated else None
    return {"current_participant": profile, "demo_mode": settings.DEMO_MODE}
