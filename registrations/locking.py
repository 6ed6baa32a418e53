"""The session lock that every change of a session's seats takes, and the SQL behind it.

Every write path takes the session row with SELECT ... FOR UPDATE inside its
transaction before it counts seats, so two people can never take the last seat at the
same time. Every registration for a session waits its turn behind that lock, so the
statements here are built once per database (familiestotte.rows) rather than compiled
by the ORM on each call: that time would be spent holding the lock.

`lock_session` and `seat_counts` are the two steps the concurrency test's negative
control replaces (tests/registrations/test_concurrency.py).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.db import connection, connections, router
from django.db.models import Field

from familiestotte import rows
from participants.models import Registration
from programme.models import Programme, Session


@dataclass
class LockedSession:
    """What the registration rules read of a session, with the lock held.

    `session` has the fields in SESSION_RULE_FIELDS loaded (the others load on access,
    as with only()). On PostgreSQL a registration also reads, once the lock is held, the
    seat counts and an id for the new registration, so that its rows can be sent
    together; elsewhere both are None and `seat_counts` counts.
    """

    session: Session
    programme_is_published: bool
    counted: tuple[int, int] | None = None  # (confirmed, waitlisted)
    new_registration_id: int | None = None


# What the registration rules read of a session, in the model's field order (rows.from_row).
SESSION_RULE_FIELDS: tuple[Field[Any, Any], ...] = (
    Session.id.field,
    Session.programme.field,
    Session.kind.field,
    Session.title.field,
    Session.capacity.field,
    Session.registration_deadline.field,
    Session.audience.field,
    Session.is_cancelled.field,
)


@functools.cache
def _session_row_sql(alias: str, lock: bool, lock_then_count: bool) -> str:
    quote = connections[alias].ops.quote_name
    session_table = quote(Session._meta.db_table)
    columns = [f"s.{quote(f.column)}" for f in SESSION_RULE_FIELDS]
    columns.append(f"p.{quote(Programme.is_published.field.column)}")
    lock_first = ""
    if lock_then_count:
        # PostgreSQL, in the same round trip: the lock first, then (a statement of its
        # own, so with a snapshot taken once the lock is held) the seat counts and an
        # id for the new registration.
        registrations = quote(Registration._meta.db_table)
        count = (
            f"(SELECT COUNT(*) FROM {registrations} r WHERE r.session_id = s.id AND r.status = %s)"  # noqa: S608 - names from model metadata
        )
        columns += [count, count, "nextval(pg_get_serial_sequence(%s, %s))"]
        lock_first = f"SELECT 1 FROM {session_table} WHERE id = %s FOR UPDATE;\n"  # noqa: S608 - name from model metadata
    # SQLite (the embedded demo) has no row locks: it lets one writer in at a time.
    for_update = (
        " FOR UPDATE OF s"
        if lock and not lock_then_count and connections[alias].features.has_select_for_update
        else ""
    )
    return (
        f"{lock_first}SELECT {', '.join(columns)}"  # noqa: S608 - names from model metadata, values as parameters
        f" FROM {session_table} s"
        f" JOIN {quote(Programme._meta.db_table)} p ON p.id = s.programme_id"
        f" WHERE s.id = %s{for_update}"
    )


def lock_session(
    session_pk: int, *, for_registration: bool = False, begin: bool = False
) -> LockedSession:
    """The session row FOR UPDATE. See session_row."""
    return session_row(session_pk, lock=True, for_registration=for_registration, begin=begin)


def session_row(
    session_pk: int, *, lock: bool, for_registration: bool = False, begin: bool = False
) -> LockedSession:
    """The session's rule fields and whether its programme is published (the programme
    is joined, never locked); Session.DoesNotExist for an unknown id.

    `for_registration` on PostgreSQL also reads the seat counts and a new registration
    id once the lock is held. `begin` opens the transaction of rows.transaction() with it.
    """
    alias = router.db_for_write(Session)
    lock_then_count = for_registration and lock and connections[alias].vendor == "postgresql"
    params: list[int | str] = [session_pk]
    if lock_then_count:
        params = [
            session_pk,
            Registration.Status.CONFIRMED,
            Registration.Status.WAITLISTED,
            Registration._meta.db_table,
            Registration._meta.pk.column,
            session_pk,
        ]
    with connections[alias].cursor() as cursor:
        rows.execute(
            cursor, _session_row_sql(alias, lock, lock_then_count), params, alias=alias, begin=begin
        )
        row = cursor.fetchone()
    if row is None:
        raise Session.DoesNotExist(f"No session {session_pk}")
    extra = 4 if lock_then_count else 1
    session = rows.from_row(Session, SESSION_RULE_FIELDS, row[:-extra], alias=alias)
    published = Programme.is_published.field.to_python(row[-extra])
    locked = LockedSession(session=session, programme_is_published=bool(published))
    if lock_then_count:
        locked.counted = (row[-3], row[-2])
        locked.new_registration_id = row[-1]
    return locked


def seat_counts(locked: LockedSession) -> tuple[int, int]:
    """(confirmed, waitlisted) for the session: as read with the lock, or in one query."""
    if locked.counted is not None:
        return locked.counted
    table = connection.ops.quote_name(Registration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT status, COUNT(*) FROM {table}"  # noqa: S608 - name from model metadata
            " WHERE session_id = %s AND status IN (%s, %s) GROUP BY status",
            [locked.session.pk, Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
        )
        counts = dict(cursor.fetchall())
    return (
        counts.get(Registration.Status.CONFIRMED, 0),
        counts.get(Registration.Status.WAITLISTED, 0),
    )
