"""The walker's table for certificates: see outcomes.py for the words."""

from .outcomes import PUBLIC, REDIRECT, SIGNED_IN, Entry, expect


def certificate(w):
    return {"slug": w.programme.slug, "participant_pk": w.own.worker.pk}


ENTRIES = {
    "certificates:mine": Entry(get=SIGNED_IN),
    "certificates:attendance": Entry(
        get=expect(worker_a=200, coordinator=200),
        kwargs=certificate,
    ),
    "certificates:issue": Entry(
        get=expect(worker_a=405, coordinator=405),
        post=expect(worker_a=REDIRECT, coordinator=REDIRECT),
        kwargs=certificate,
    ),
    "certificates:certificate": Entry(
        get=expect(worker_a=200, coordinator=200),
        kwargs=certificate,
    ),
    "certificates:verify": Entry(get=PUBLIC, kwargs=lambda w: {"code": w.certificate.code}),
}
