"""Single-row SQL for the hottest paths, built once per model and database.

The ORM compiles every statement afresh. On the paths that run most, loading the
signed-in user on every request and the registration's critical section (where others
wait for the session lock), that costs more than running them (bench/HISTORY.md,
«Why the hot paths are hand-made»). These helpers build each statement once and do
per row only what the ORM does per row: each field's pre_save and get_db_prep_save
on the way in, the database's value converters on the way out. They send no model
signals; the project connects none.
On PostgreSQL the statements are also prepared once per connection (`execute`), and
`transaction` sends BEGIN and COMMIT with the first and last statements instead of in
round trips of their own.

Everywhere else, use the ORM.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import DatabaseError, connections, router
from django.db import transaction as django_transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.db.models import Field, Model
from django.db.models.constants import OnConflict
from django.db.models.expressions import Expression
from django.db.models.sql import Query

# psycopg2 ships no type hints, and its stubs (types-psycopg2) are not a dependency.
from psycopg2.extensions import TRANSACTION_STATUS_IDLE  # type: ignore[import-untyped]

if TYPE_CHECKING:
    # What a cursor's parameters may hold (a name only the type stubs have).
    from django.db.backends.utils import _SQLType as SQLValue

# On PostgreSQL each statement here is prepared once per connection (PREPARE, then
# EXECUTE): parsing and planning them again on every call cost the server more CPU
# than running them. They belong to the database session, so a pooler between the
# portal and PostgreSQL must keep one server connection per client connection (session
# mode, not transaction mode). {raw connection: ({statement: its name}, {sql: what runs it})}.
_prepared: weakref.WeakKeyDictionary[object, tuple[dict[str, str], dict[str, str]]] = (
    weakref.WeakKeyDictionary()
)
_statement_numbers = itertools.count(1)
_TABLE = re.compile(r'(?:FROM|INTO)\s+"(\w+)"')


# Sent as they are: PostgreSQL cannot prepare them.
_TRANSACTION_CONTROL = frozenset({"BEGIN", "COMMIT"})

M = TypeVar("M", bound=Model)


def execute(
    cursor: CursorWrapper, sql: str, params: Sequence[SQLValue], *, alias: str, begin: bool = False
) -> None:
    """cursor.execute(sql, params); on PostgreSQL through prepared statements.

    `sql` is one statement or several joined by ";\n", with %s placeholders only (no
    other % signs). `begin` opens the transaction of `transaction()` with it.

    A statement is prepared in the same round trip as its first EXECUTE on a
    connection. If that round trip fails, its statements count as not prepared and get
    new names next time: a PREPARE that succeeded before the error outlives it
    (PostgreSQL does not roll PREPARE back), so its name is never reused.
    """
    connection = connections[alias]
    if begin:
        sql = f"BEGIN;\n{sql}"
    if connection.vendor != "postgresql":
        cursor.execute(sql, params)
        return
    names, calls = _prepared.setdefault(connection.connection, ({}, {}))
    if (call := calls.get(sql)) is not None:
        cursor.execute(call, params)
        return
    preparing: dict[str, str] = {}
    prepares: list[str] = []
    executes: list[str] = []
    for statement in sql.split(";\n"):
        if statement in _TRANSACTION_CONTROL:
            executes.append(statement)
            continue
        name = names.get(statement) or preparing.get(statement)
        if name is None:
            name = preparing[statement] = _statement_name(statement)
            prepares.append(f"PREPARE {name} AS {_numbered(statement)}")
        arguments = ", ".join(["%s"] * statement.count("%s"))
        executes.append(f"EXECUTE {name}({arguments})" if arguments else f"EXECUTE {name}")
    cursor.execute(";\n".join(prepares + executes), params)
    names.update(preparing)
    calls[sql] = ";\n".join(executes)


@contextlib.contextmanager
def transaction(alias: str = "default") -> Iterator[bool]:
    """A transaction in fewer round trips; yields whether the caller sends its ends.

    On PostgreSQL outside any atomic block it yields True: the caller opens the
    transaction with its first statement (`execute(begin=True)`) and may close it with
    its last (`Batch.send(commit=True)`), where transaction.atomic() costs a round trip
    for each (psycopg2 sends BEGIN before the first statement, Django COMMIT after the
    last). Whatever the transaction locks is released a round trip sooner. If the body
    ends with the transaction still open it is committed; if it raises, rolled back.
    The body must not open transaction.atomic(): Django does not know of this one.

    Elsewhere (SQLite, or inside an atomic block) it is transaction.atomic() and yields
    False.
    """
    connection = connections[alias]
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        with django_transaction.atomic(using=alias):
            yield False
        return
    try:
        yield True
    except BaseException:
        try:
            _end_transaction(connection, "ROLLBACK")
        except DatabaseError:
            connection.close()  # a connection that cannot roll back is not used again
        raise
    _end_transaction(connection, "COMMIT")


def _end_transaction(connection: BaseDatabaseWrapper, command: str) -> None:
    """Send `command` if the connection is inside a transaction on the server."""
    raw = connection.connection
    if raw is None or raw.closed or raw.info.transaction_status == TRANSACTION_STATUS_IDLE:
        return
    with connection.cursor() as cursor:
        cursor.execute(command)


def _statement_name(statement: str) -> str:
    """Readable in the server's logs: verb, table, a number unique in this process."""
    verb = statement.split(None, 1)[0].lower()
    table = _TABLE.search(statement)
    return f"fs_{verb}_{table.group(1) if table else 'statement'}_{next(_statement_numbers)}"


def _numbered(statement: str) -> str:
    """%s placeholders as PREPARE's $1, $2, ..."""
    numbers = itertools.count(1)
    return re.sub(r"%s", lambda _match: f"${next(numbers)}", statement)


@functools.cache
def _insert_statement(
    model: type[Model], alias: str, ignore_conflicts: bool, with_pk: bool
) -> tuple[str, list[Field[Any, Any]], str]:
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


def _values(
    instance: Model, fields: Iterable[Field[Any, Any]], connection: BaseDatabaseWrapper
) -> list[SQLValue]:
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
        execute(
            cursor,
            f"{sql} {returning}".rstrip(),
            _values(instance, fields, connection),
            alias=alias,
        )
        if returning:
            row = cursor.fetchone()
            pk = row[0] if row else None
        else:
            pk = cursor.lastrowid if cursor.rowcount else None
    if pk is None:
        return False
    _mark_saved(instance, pk, alias)
    return True


def _mark_saved(instance: Model, pk: object, alias: str) -> None:
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
    (registrations.services takes the registration's from its sequence). Otherwise
    each INSERT is sent as it is added, and the ids come back.
    """

    def __init__(self, *, together: bool, alias: str = "default") -> None:
        self.alias = alias
        self.together = together and connections[alias].vendor == "postgresql"
        self.statements: list[str] = []
        self.params: list[SQLValue] = []
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

    def send(self, *, commit: bool = False) -> None:
        """`commit` ends the transaction of `transaction()` with the INSERTs."""
        if not self.statements:
            return
        sql = ";\n".join(self.statements + (["COMMIT"] if commit else []))
        with connections[self.alias].cursor() as cursor:
            execute(cursor, sql, self.params, alias=self.alias)
        for instance in self.with_ids:
            _mark_saved(instance, instance.pk, self.alias)
        self.statements, self.params, self.with_ids = [], [], []


@functools.cache
def _converters(
    fields: tuple[Field[Any, Any], ...], alias: str
) -> list[tuple[int, list[Callable[..., object]], Expression]]:
    """[(position, converter functions, column)] as the ORM applies them to these
    fields' columns on database `alias` (SQLite's for dates and booleans, say)."""
    model = fields[0].model
    in_model_order = [f for f in model._meta.concrete_fields if f in fields]
    if list(fields) != in_model_order:
        # Model.from_db assigns a partial row in the model's field order.
        raise ValueError(f"from_row needs {model.__name__}'s fields in the model's order")
    connection = connections[alias]
    compiler = connection.ops.compiler("SQLCompiler")(Query(None), connection, alias)
    columns: list[Expression] = [f.get_col(f.model._meta.db_table) for f in fields]
    return [
        (position, functions, column)
        for position, (functions, column) in compiler.get_converters(columns).items()
    ]


def from_row(
    model: type[M], fields: tuple[Field[Any, Any], ...], values: Iterable[object], *, alias: str
) -> M:
    """An instance loaded from `values`, one per field of `fields` (a tuple of the
    model's concrete fields, in the model's order); the model's other fields load on
    access, as with only()."""
    connection = connections[alias]
    values = list(values)
    for position, functions, column in _converters(fields, alias):
        for convert in functions:
            values[position] = convert(values[position], column, connection)
    return model.from_db(alias, [f.attname for f in fields], values)
