"""allauth's account adapter, with the portal's own rules for what people sign up with,
and a row in the audit log for every log-in allauth's rate limit refuses."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from audit.accounts import record_refused_login


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        """Refuse an address longer than the user's email field: allauth would cut it to
        fit (allauth.account.utils.user_field) and confirm a different address."""
        email = super().clean_email(email)
        limit = User._meta.get_field("email").max_length or 254
        if len(email) > limit:
            raise ValidationError(
                _(
                    "The email address is %(length)s characters long; the portal takes at "
                    "most %(limit)s. Use a shorter address."
                )
                % {"length": len(email), "limit": limit},
                code="too_long",
            )
        return email

    def pre_authenticate(self, request, **credentials) -> None:
        """allauth refuses a log-in here once the account or the address has failed too
        often (ACCOUNT_RATE_LIMITS["login_failed"]): a lock-out, which the audit log keeps.
        Django's user_login_failed is not sent for it, since no password was tried."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            login = credentials.get("email") or credentials.get("username") or ""
            record_refused_login(request, str(login))
            raise


def user_display(user: User) -> str:
    """How allauth names a person in its pages and emails (ACCOUNT_USER_DISPLAY): their
    name from the profile, else their email address, never the username allauth made up
    from the address (e.g. «nina.nyansatt»)."""
    participant = getattr(user, "participant", None)  # no profile yet at sign-up
    if participant is not None and participant.full_name:
        return str(participant.full_name)
    return str(user.email)
