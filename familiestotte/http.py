"""Request types for views, for the type checker."""

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    """The request a view behind login_required gets: its user is signed in.

    Only an annotation (Django never builds one): HttpRequest.user may be an
    AnonymousUser, which has no participant.
    """

    user: User


def signed_in_user(request: HttpRequest) -> User:
    """The signed-in user of a view that lets no one else in (a login-required mixin
    or decorator has run); an anonymous user here is a bug, not bad input."""
    user = request.user
    if not isinstance(user, User):
        raise TypeError("signed_in_user() in a view that lets anonymous visitors in")
    return user
