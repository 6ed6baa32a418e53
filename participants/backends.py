"""Authentication backends that load the person's participant with their user.

Nearly every page reads `request.user.participant` (the profile check in
ProfileRequiredMiddleware, then the view), so loading the user joined with its
participant saves one query on every signed-in request.
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import backends, get_user_model


class ParticipantJoinedMixin:
    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("participant").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class ModelBackend(ParticipantJoinedMixin, backends.ModelBackend):
    """Django's backend (user name and password, as in the admin)."""


class AccountBackend(ParticipantJoinedMixin, AuthenticationBackend):
    """allauth's backend (log-in by email address)."""
