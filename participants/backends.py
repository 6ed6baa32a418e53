"""Authentication backends that load the person's participant with their user.

Nearly every page reads `request.user.participant` (the profile check in
ProfileRequiredMiddleware, then the view), so loading the user joined with its
participant saves one query on every signed-in request.

The query is built by hand, once per database (familiestotte.rows), because it runs on
every signed-in request (bench/HISTORY.md, «Why the hot paths are hand-made»).
"""

import functools

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import backends, get_user_model
from django.db import connections, router

from familiestotte import rows

from .models import Participant


@functools.cache
def _user_query(alias: str):
    """(sql, user fields, participant fields) for database `alias`."""
    quote = connections[alias].ops.quote_name
    user_model = get_user_model()
    user_fields = tuple(user_model._meta.concrete_fields)
    participant_fields = tuple(Participant._meta.concrete_fields)
    columns = [f"u.{quote(f.column)}" for f in user_fields]
    columns += [f"p.{quote(f.column)}" for f in participant_fields]
    user_pk = quote(user_model._meta.pk.column)
    sql = (
        f"SELECT {', '.join(columns)} FROM {quote(user_model._meta.db_table)} u"  # noqa: S608 - names from model metadata, the id a parameter
        f" LEFT JOIN {quote(Participant._meta.db_table)} p"
        f" ON p.{quote(Participant._meta.get_field('user').column)} = u.{user_pk}"
        f" WHERE u.{user_pk} = %s"
    )
    return sql, user_fields, participant_fields


def user_with_participant(user_id):
    """The user with `user_id` and, cached on it, their participant (or the knowledge
    that they have none); None when there is no such user."""
    user_model = get_user_model()
    alias = router.db_for_read(user_model)
    sql, user_fields, participant_fields = _user_query(alias)
    with connections[alias].cursor() as cursor:
        rows.execute(cursor, sql, [user_id], alias=alias)
        row = cursor.fetchone()
    if row is None:
        return None
    split = len(user_fields)
    user = rows.from_row(user_model, user_fields, row[:split], alias=alias)
    participant = None
    # The participant's id is None when the join found no row.
    if row[split + participant_fields.index(Participant._meta.pk)] is not None:
        participant = rows.from_row(Participant, participant_fields, row[split:], alias=alias)
        Participant.user.field.set_cached_value(participant, user)
    Participant.user.field.remote_field.set_cached_value(user, participant)
    return user


class ParticipantJoinedMixin(backends.ModelBackend):
    """Mixed into Django's and allauth's backends (both ModelBackend, so the MRO is the
    same as without this base); get_user loads the participant with the user."""

    def get_user(self, user_id):
        user = user_with_participant(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(ParticipantJoinedMixin, backends.ModelBackend):
    """Django's backend (user name and password, as in the admin)."""


class AccountBackend(ParticipantJoinedMixin, AuthenticationBackend):
    """allauth's backend (log-in by email address)."""
