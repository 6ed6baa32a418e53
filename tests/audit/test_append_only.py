"""Audit rows are appended, never changed: the ORM refuses, and so does PostgreSQL."""

import pytest
from django.db import DatabaseError, connection, transaction

import audit
from audit.models import AppendOnly, Entry


@pytest.fixture
def row(coordinator):
    return audit.record("data_cleared", actor=coordinator.user, field="dietary_needs", count=1)


def test_the_queryset_refuses_update_and_delete(row):
    with pytest.raises(AppendOnly):
        Entry.objects.filter(pk=row.pk).update(object_repr="endret")
    with pytest.raises(AppendOnly):
        Entry.objects.filter(pk=row.pk).delete()


def test_the_row_refuses_save_and_delete(row):
    row.object_repr = "endret"
    with pytest.raises(AppendOnly):
        row.save()
    with pytest.raises(AppendOnly):
        row.delete()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_entry SET object_repr = 'endret' WHERE id = %s",
        "DELETE FROM audit_entry WHERE id = %s",
    ],
)
def test_the_database_refuses_update_and_delete(row, sql):
    with pytest.raises(DatabaseError, match="append-only"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [row.pk])
    assert Entry.objects.filter(pk=row.pk, object_repr="").exists()


def test_the_database_lets_only_the_shredding_guard_through(row):
    # The negative control: with the guard on, as shred_person sets it, the update runs.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('audit.shred', 'on', true)")
        cursor.execute("UPDATE audit_entry SET object_repr = 'skrubbet' WHERE id = %s", [row.pk])
        cursor.execute("SELECT set_config('audit.shred', 'off', true)")
    assert Entry.objects.get(pk=row.pk).object_repr == "skrubbet"
    # Off again, as shred_person leaves it: refused.
    with pytest.raises(DatabaseError):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE audit_entry SET object_repr = 'x' WHERE id = %s", [row.pk])


def test_record_refuses_an_event_the_log_does_not_know(coordinator):
    with pytest.raises(ValueError):
        audit.record("made_up", actor=coordinator.user)


def test_the_admin_lists_rows_read_only(client, row, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.no", "x")
    client.force_login(admin)
    changelist = client.get("/admin/audit/entry/")
    change = client.get(f"/admin/audit/entry/{row.pk}/change/")
    delete = client.post(f"/admin/audit/entry/{row.pk}/delete/", {"post": "yes"})

    assert changelist.status_code == 200
    assert change.status_code == 200  # a view of the row, without a save button
    assert b'name="_save"' not in change.content
    assert delete.status_code == 403
    assert Entry.objects.filter(pk=row.pk).exists()
