"""The walker's table for registrations: see outcomes.py for the words."""

from .outcomes import PUBLIC, REDIRECT, SIGNED_IN, Entry, expect

ENTRIES = {
    "registrations:register": Entry(
        get=expect(others=405),
        post=expect(others=REDIRECT),
        kwargs=lambda w: {"pk": w.session.pk},
    ),
    "registrations:register_training_days": Entry(
        get=expect(others=405),
        post=expect(others=REDIRECT),
        kwargs=lambda w: {"slug": w.programme.slug},
    ),
    "registrations:mine": Entry(get=SIGNED_IN),
    "registrations:cancel": Entry(
        get=expect(worker_a=200),
        post=expect(worker_a=REDIRECT),
        kwargs=lambda w: {"pk": w.registration.pk},
    ),
    "registrations:renew_calendar_token": Entry(
        get=expect(others=405),
        post=expect(others=REDIRECT),
    ),
    "registrations:calendar_feed": Entry(
        get=PUBLIC,
        kwargs=lambda w: {"token": w.own.worker.calendar_token},
    ),
    "registrations:staff": Entry(get=expect(leader_a=200, leader_b=200)),
    "registrations:register_staff": Entry(
        get=expect(leader_a=200),
        kwargs=lambda w: {"pk": w.own.worker.pk},
    ),
    "registrations:cancel_staff": Entry(
        get=expect(leader_a=200),
        post=expect(leader_a=REDIRECT),
        kwargs=lambda w: {"pk": w.registration.pk},
    ),
}
