from django.conf import settings

from .rules import is_coordinator


def portal(request):
    """What every page needs: the signed-in person's profile, whether they may use the
    coordinator pages, and the demo flag."""
    user = getattr(request, "user", None)
    profile = getattr(user, "participant", None) if user and user.is_authenticated else None
    return {
        "current_participant": profile,
        "is_coordinator": is_coordinator(user),
        "demo_mode": settings.DEMO_MODE,
    }
