from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

# Paths a signed-in person may use before their profile is complete.
OPEN_PREFIXES = ("/konto/", "/profil/", "/static/", "/admin/", "/i18n/", "/helse/", "/media/")


class ProfileRequiredMiddleware:
    """After the first log-in, a person completes their profile before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and not hasattr(user, "participant")
        ):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('participants:profile')}?{query}")
        return self.get_response(request)
