"""Where a person lands after logging in: coordinators on their start page, everyone else
on «Min side» (LOGIN_REDIRECT_URL). On top of the sign-up rules (participants.adapters):
allauth takes one adapter, and this room is above both it and the workspace."""

from django.urls import reverse

from participants.adapters import AccountAdapter as SignUpAdapter
from participants.rules import is_coordinator


class AccountAdapter(SignUpAdapter):
    def get_login_redirect_url(self, request):
        if is_coordinator(request.user):
            return reverse("coordination:start")
        return super().get_login_redirect_url(request)
