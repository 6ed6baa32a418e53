"""Single-row SQL for the hottest paths, built once per model and database.

The ORM compiles every statement afresh. On the paths that run most, loading the
signed-in user on every request and the registration's critical section, compiling
cost more CPU than PostgreSQL spent running the statements, and in the registration
it was spent while others waited for the session lock (README, «Ytelse»). These
helpers build each statement once and do per row only what the ORM does per row:
each field's pre_save and get_db_prep_save on the way in, the database's value
converters on the way out. They send no model signals; the project connects none.

Everywhere else, use the ORM.
"""

from __future__ import annotations

import functools

from django.db import connections, router
from django.db.models import Model
from django.db.models.constants import OnConflict
from django.db.models.sql import Query


@functools.cache
def _insert_statement(model: type[Model], alias: str, ignore_conflicts: bool, with_pk: bool):
    """(sql, fields, returning): every concrete field, the automatic primary key only
    when `with_pk`; `returning` is the clause that reads the key back, if the database
    has one."""
    connection = connections[alias]
    ops = connection.ops
    fields = [
        f for f in model._meta.local_concrete_fields if with_pk or f is not model._meta.auto_field
    ]
    on_conflict = OnConflict.IGNORE if ignore_conflicts else None
    columns = ", ".join(ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = (
        f"{ops.insert_statement(on_conflict=on_conflict)} {ops.quote_name(model._meta.db_table)}"
        f" ({columns}) VALUES ({placeholders})"
    )
    if ignore_conflicts:
        sql = f"{sql} {ops.on_conflict_suffix_sql(fields, on_conflict, None, None)}".rstrip()
    returning = ""
    if connection.features.can_return_columns_from_insert:
        returning, _params = ops.return_insert_columns([model._meta.pk])
    return sql, fields, returning


def _values(instance: Model, fields, connection) -> list:
    return [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in fields]


def insert(instance: Model, *, ignore_conflicts: bool = False) -> bool:
    """INSERT a new instance, as save() would, and set its primary key.

    With ignore_conflicts, a row that a unique constraint refuses is skipped, as
    bulk_create(ignore_conflicts=True) does: the result is then False and the
    instance stays unsaved.
    """
    model = type(instance)
    alias = router.db_for_write(model, instance=instance)
    connection = connections[alias]
    sql, fields, returning = _insert_statement(
        model, alias, ignore_conflicts, instance.pk is not None
    )
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} {returning}".rstrip(), _values(instance, fields, connection))
        if returning:
            row = cursor.fetchone()
            pk = row[0] if row else None
        else:
            pk = cursor.lastrowid if cursor.rowcount else None
    if pk is None:
        return False
    _mark_saved(instance, pk, alias)
    return True


def _mark_saved(instance: Model, pk, alias: str) -> None:
    instance.pk = pk
    instance._state.adding = False
    instance._state.db = alias


class Batch:
    """INSERTs that travel to PostgreSQL together, in one round trip, when sent.

    PostgreSQL runs several statements sent as one, in order, in the transaction;
    the first error stops them all, as separate statements would. Other databases
    (SQLite, the embedded demo) get each INSERT as it is added.

    Rows sent together get no id back, so the caller asks for it with `together`
    only when every row that others point to has its id beforehand
    (participants.services takes the registration's from its sequence). Otherwise
    each INSERT is sent as it is added, and the ids come back.
    """

    def __init__(self, *, together: bool, alias: str = "default"):
        self.alias = alias
        self.together = together and connections[alias].vendor == "postgresql"
        self.statements: list[str] = []
        self.params: list = []
        self.with_ids: list[Model] = []

    def insert(self, instance: Model, *, ignore_conflicts: bool = False) -> None:
        if not self.together:
            insert(instance, ignore_conflicts=ignore_conflicts)
            return
        with_pk = instance.pk is not None
        sql, fields, _returning = _insert_statement(
            type(instance), self.alias, ignore_conflicts, with_pk
        )
        self.statements.append(sql)
        self.params += _values(instance, fields, connections[self.alias])
        if with_pk:
            self.with_ids.append(instance)

    def send(self) -> None:
        if not self.statements:
            return
        with connections[self.alias].cursor() as cursor:
            cursor.execute(";\n".join(self.statements), self.params)
        for instance in self.with_ids:
            _mark_saved(instance, instance.pk, self.alias)
        self.statements, self.params, self.with_ids = [], [], []


@functools.cache
def _converters(fields: tuple, alias: str) -> list:
    """[(position, converter functions, column)] as the ORM applies them to these
    fields' columns on database `alias` (SQLite's for dates and booleans, say)."""
    connection = connections[alias]
    compiler = connection.ops.compiler("SQLCompiler")(Query(None), connection, alias)
    columns = [f.get_col(f.model._meta.db_table) for f in fields]
    return [
        (position, functions, column)
        for position, (functions, column) in compiler.get_converters(columns).items()
    ]


def from_row(model: type[Model], fields: tuple, values, *, alias: str) -> Model:
    """An instance loaded from `values`, one per field of `fields` (a tuple of the
    model's concrete fields); the model's other fields load on access, as with only()."""
    connection = connections[alias]
    values = list(values)
    for position, functions, column in _converters(fields, alias):
        for convert in functions:
            values[position] = convert(values[position], column, connection)
    return model.from_db(alias, [f.attname for f in fields], values)
