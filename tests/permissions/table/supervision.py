"""The walker's table for supervision: see outcomes.py for the words."""

from .outcomes import REDIRECT, Entry, expect

ENTRIES = {
    "supervision:group": Entry(
        get=expect(worker_a=200, supervisor=200, coordinator=200),
        kwargs=lambda w: {"pk": w.supervision.pk},
    ),
    "supervision:attendance": Entry(
        get=expect(supervisor=200, coordinator=200),
        post=expect(supervisor=REDIRECT, coordinator=REDIRECT),
        kwargs=lambda w: {"pk": w.supervision.pk, "session": w.supervision_meeting.pk},
    ),
    # The note is the supervisor's and coordinators', never the members' (worker_a: 404).
    "supervision:note": Entry(
        get=expect(supervisor=200, coordinator=200),
        post=expect(supervisor=200, coordinator=200),  # an empty note: the form again
        kwargs=lambda w: {"pk": w.supervision.pk, "session": w.supervision_meeting.pk},
    ),
}
