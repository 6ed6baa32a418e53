"""The walker's table for implementation: see outcomes.py for the words."""

from .outcomes import REDIRECT, Entry, expect


def enrolment(w):
    return {"enrolment": w.own.enrolment.pk}


ENTRIES = {
    "implementation:plan": Entry(
        get=expect(worker_a=200, leader_a=200, coordinator=200),
        kwargs=enrolment,
    ),
    "implementation:milestone": Entry(
        get=expect(worker_a=200, leader_a=200, coordinator=200),
        kwargs=lambda w: {**enrolment(w), "pk": w.milestone.pk},
    ),
    "implementation:mark": Entry(
        get=expect(worker_a=200, leader_a=200, coordinator=403),
        post=expect(worker_a=400, leader_a=400, coordinator=403),
        kwargs=lambda w: {**enrolment(w), "pk": w.milestone.pk},
    ),
    "implementation:add_keeper": Entry(
        get=expect(worker_a=403, leader_a=200, coordinator=403),
        post=expect(worker_a=403, leader_a=400, coordinator=403),
        kwargs=enrolment,
    ),
    "implementation:remove_keeper": Entry(
        get=expect(worker_a=403, leader_a=405, coordinator=403),
        post=expect(worker_a=403, leader_a=REDIRECT, coordinator=403),
        kwargs=lambda w: {**enrolment(w), "participant": w.own.worker.pk},
    ),
}
