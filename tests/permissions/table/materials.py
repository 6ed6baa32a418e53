"""The walker's table for materials: see outcomes.py for the words."""

from .outcomes import Entry, expect

ENTRIES = {
    "materials:file": Entry(
        get=expect(anonymous=404, worker_a=200, coordinator=200),
        kwargs=lambda w: {"session_pk": w.session.pk, "pk": w.material.pk},
    ),
}
