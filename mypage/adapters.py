"""Where a person lands after logging in: coordinators on their start page, everyone else
on «Min side» (LOGIN_REDIRECT_URL)."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from participants.rules import is_coordinator


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        if is_coordinator(request.user):
            return reverse("coordination:start")
        return super().get_login_redirect_url(request)
