"""Authentication backends that load the person's participant with their user.

Nearly every page reads `request.user.participant` (the profile check in
ProfileRequiredMiddleware, then the view), so loading the user joined with its
participant saves one query on every signed-in request.

The query is written by hand, once per database: it runs on every signed-in request,
and building it with the ORM (select_related) cost five times the CPU of running it.
"""

import functools

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import backends, get_user_model
from django.db import connections, router
from django.db.models.sql import Query

from .models import Participant


@functools.cache
def _user_query(alias: str):
    """(sql, user fields, participant fields, converters) for database `alias`."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    user_model = get_user_model()
    user_fields = user_model._meta.concrete_fields
    participant_fields = Participant._meta.concrete_fields
    columns = [f"u.{quote(f.column)}" for f in user_fields]
    columns += [f"p.{quote(f.column)}" for f in participant_fields]
    user_pk = quote(user_model._meta.pk.column)
    sql = (
        f"SELECT {', '.join(columns)} FROM {quote(user_model._meta.db_table)} u"  # noqa: S608 - names from model metadata, the id a parameter
        f" LEFT JOIN {quote(Participant._meta.db_table)} p"
        f" ON p.{quote(Participant._meta.get_field('user').column)} = u.{user_pk}"
        f" WHERE u.{user_pk} = %s"
    )
    # The database's value converters (SQLite's for dates and booleans, say), as the
    # ORM would apply them to these columns.
    compiler = connection.ops.compiler("SQLCompiler")(Query(user_model), connection, alias)
    fields = [*user_fields, *participant_fields]
    converters = compiler.get_converters([f.get_col(f.model._meta.db_table) for f in fields])
    return sql, user_fields, participant_fields, converters


def user_with_participant(user_id):
    """The user with `user_id` and, cached on it, their participant (or the knowledge
    that they have none); None when there is no such user."""
    user_model = get_user_model()
    alias = router.db_for_read(user_model)
    sql, user_fields, participant_fields, converters = _user_query(alias)
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id])
        row = cursor.fetchone()
    if row is None:
        return None
    row = list(row)
    for position, (functions, expression) in converters.items():
        for convert in functions:
            row[position] = convert(row[position], expression, connection)
    split = len(user_fields)
    user = user_model.from_db(alias, [f.attname for f in user_fields], row[:split])
    participant = None
    # The participant's id is None when the join found no row.
    if row[split + participant_fields.index(Participant._meta.pk)] is not None:
        participant = Participant.from_db(
            alias, [f.attname for f in participant_fields], row[split:]
        )
        Participant.user.field.set_cached_value(participant, user)
    Participant.user.field.remote_field.set_cached_value(user, participant)
    return user


class ParticipantJoinedMixin:
    def get_user(self, user_id):
        user = user_with_participant(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(ParticipantJoinedMixin, backends.ModelBackend):
    """Django's backend (user name and password, as in the admin)."""


class AccountBackend(ParticipantJoinedMixin, AuthenticationBackend):
    """allauth's backend (log-in by email address)."""
