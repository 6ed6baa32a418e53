"""The walker's table for certificates: see outcomes.py for the words."""

from .outcomes import COORDINATORS, PUBLIC, REDIRECT, SIGNED_IN, Entry, expect


def programme(w):
    return {"slug": w.programme.slug}


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
    "certificates:pdf": Entry(
        get=expect(worker_a=200, coordinator=200),
        kwargs=certificate,
    ),
    # Coordinators only (certificates/coordinator_views.py): the rest 404.
    "certificates:withdraw": Entry(
        get=COORDINATORS,
        post=COORDINATORS,  # an empty reason: the form again
        kwargs=certificate,
    ),
    "certificates:roster": Entry(get=COORDINATORS, kwargs=programme),
    "certificates:bulk_issue": Entry(
        get=expect(coordinator=405),
        post=expect(coordinator=REDIRECT),
        kwargs=programme,
    ),
    # Starts the ZIP as the coordinator's job and sends them to its page; only by POST.
    "certificates:zip": Entry(
        get=expect(coordinator=405),
        post=expect(coordinator=REDIRECT),
        kwargs=programme,
    ),
    "certificates:check": Entry(get=PUBLIC),
    "certificates:verify": Entry(get=PUBLIC, kwargs=lambda w: {"code": w.certificate.code}),
}
