"""Request types for views, for the type checker."""

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    """The request a view behind login_required gets: its user is signed in.

    Only an annotation (Django never builds one): HttpRequest.user may be an
    AnonymousUser, which has no participant.
    """

    user: User
