"""The walker's table for progress: see outcomes.py for the words.

A job is its owner's alone (progress/selectors.py): the world's job is A's worker's, so
everyone else, the coordinator included, gets 404, and anonymous visitors 404 too (not
sent to log in: the job's address says nothing about whether it exists)."""

from .outcomes import Entry, expect


def job(w):
    return {"pk": w.job.pk}


OWNER_ONLY = expect(worker_a=200, anonymous=404)

ENTRIES = {
    "progress:job": Entry(get=OWNER_ONLY, kwargs=job),
    "progress:status": Entry(get=OWNER_ONLY, kwargs=job),
    "progress:file": Entry(get=OWNER_ONLY, kwargs=job),
}
