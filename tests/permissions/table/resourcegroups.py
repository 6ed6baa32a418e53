"""The walker's table for resourcegroups: see outcomes.py for the words."""

from .outcomes import REDIRECT, Entry, expect


def enrolment(w):
    return {"enrolment": w.own.enrolment.pk}


ENTRIES = {
    # The unit's audit log: its confirmed leader and coordinators; its staff 403.
    "resourcegroups:audit_log": Entry(
        get=expect(worker_a=403, leader_a=200, coordinator=200),
        kwargs=enrolment,
    ),
    "resourcegroups:mine": Entry(get=expect(others=REDIRECT, unconfirmed_a=200, supervisor=200)),
    "resourcegroups:organisation": Entry(
        get=expect(worker_a=200, leader_a=200, coordinator=200),
        kwargs=enrolment,
    ),
    "resourcegroups:staff_csv": Entry(
        get=expect(worker_a=403, leader_a=200, coordinator=200),
        kwargs=enrolment,
    ),
    "resourcegroups:staff_xlsx": Entry(
        get=expect(worker_a=403, leader_a=200, coordinator=200),
        kwargs=enrolment,
    ),
    "resourcegroups:confirm_member": Entry(
        get=expect(worker_a=403, leader_a=200, coordinator=200),
        post=expect(worker_a=403, leader_a=REDIRECT, coordinator=REDIRECT),
        kwargs=lambda w: {**enrolment(w), "participant": w.unconfirmed.pk},
    ),
    "resourcegroups:group": Entry(
        get=expect(worker_a=200, leader_a=200, coordinator=200),
        kwargs=enrolment,
    ),
    "resourcegroups:add_member": Entry(
        get=expect(worker_a=403, leader_a=200, coordinator=200),
        post=expect(worker_a=403, leader_a=400, coordinator=400),
        kwargs=enrolment,
    ),
    "resourcegroups:remove_member": Entry(
        get=expect(worker_a=403, leader_a=405, coordinator=405),
        post=expect(worker_a=403, leader_a=REDIRECT, coordinator=REDIRECT),
        kwargs=lambda w: {**enrolment(w), "participant": w.own.worker.pk},
    ),
    "resourcegroups:contact": Entry(
        get=expect(worker_a=403, leader_a=200, coordinator=200),
        post=expect(worker_a=403, leader_a=REDIRECT, coordinator=REDIRECT),
        kwargs=enrolment,
    ),
    "resourcegroups:add_meeting": Entry(
        get=expect(worker_a=200, leader_a=200, coordinator=200),
        post=expect(worker_a=400, leader_a=400, coordinator=400),
        kwargs=enrolment,
    ),
    "resourcegroups:meeting": Entry(
        get=expect(worker_a=403, leader_a=200, coordinator=200),
        post=expect(worker_a=403, leader_a=400, coordinator=400),
        kwargs=lambda w: {**enrolment(w), "pk": w.own.meeting.pk},
    ),
    "resourcegroups:work": Entry(
        get=expect(worker_a=200, leader_a=200, coordinator=200),
        kwargs=enrolment,
    ),
    "resourcegroups:routine_new": Entry(
        get=expect(worker_a=403, leader_a=200, coordinator=200),
        post=expect(worker_a=403, leader_a=400, coordinator=400),
        kwargs=enrolment,
    ),
    "resourcegroups:routine": Entry(
        get=expect(worker_a=200, leader_a=200, coordinator=200),
        kwargs=lambda w: {**enrolment(w), "pk": w.own.routine.pk},
    ),
    "resourcegroups:routine_edit": Entry(
        get=expect(worker_a=403, leader_a=200, coordinator=200),
        post=expect(worker_a=403, leader_a=400, coordinator=400),
        kwargs=lambda w: {**enrolment(w), "pk": w.own.routine.pk},
    ),
    "resourcegroups:routine_status": Entry(
        get=expect(worker_a=403, leader_a=200, coordinator=200),
        post=expect(worker_a=403, leader_a=400, coordinator=400),
        kwargs=lambda w: {**enrolment(w), "pk": w.own.routine.pk},
    ),
    "resourcegroups:offer_new": Entry(
        get=expect(worker_a=403, leader_a=200, coordinator=200),
        post=expect(worker_a=403, leader_a=400, coordinator=400),
        kwargs=enrolment,
    ),
    "resourcegroups:offer": Entry(
        get=expect(worker_a=200, leader_a=200, coordinator=200),
        kwargs=lambda w: {**enrolment(w), "pk": w.own.offer.pk},
    ),
    "resourcegroups:offer_edit": Entry(
        get=expect(worker_a=403, leader_a=200, coordinator=200),
        post=expect(worker_a=403, leader_a=400, coordinator=400),
        kwargs=lambda w: {**enrolment(w), "pk": w.own.offer.pk},
    ),
    "resourcegroups:offer_status": Entry(
        get=expect(worker_a=403, leader_a=200, coordinator=200),
        post=expect(worker_a=403, leader_a=400, coordinator=400),
        kwargs=lambda w: {**enrolment(w), "pk": w.own.offer.pk},
    ),
    "resourcegroups:add_partner": Entry(
        get=expect(worker_a=403, leader_a=200, coordinator=200),
        post=expect(worker_a=403, leader_a=400, coordinator=400),
        kwargs=enrolment,
    ),
    "resourcegroups:remove_partner": Entry(
        get=expect(worker_a=403, leader_a=405, coordinator=405),
        post=expect(worker_a=403, leader_a=REDIRECT, coordinator=REDIRECT),
        kwargs=lambda w: {**enrolment(w), "pk": w.own.partner.pk},
    ),
    "resourcegroups:reports": Entry(
        get=expect(worker_a=403, leader_a=200, coordinator=200),
        kwargs=enrolment,
    ),
    "resourcegroups:report": Entry(
        get=expect(worker_a=403, leader_a=200, coordinator=200),
        post=expect(worker_a=403, leader_a=REDIRECT, coordinator=403),
        kwargs=lambda w: {**enrolment(w), "gathering": w.gathering.pk},
    ),
    "resourcegroups:reopen_report": Entry(
        get=expect(worker_a=403, leader_a=403),
        kwargs=lambda w: {**enrolment(w), "gathering": w.gathering.pk},
    ),
    "resourcegroups:progress": Entry(
        get=expect(worker_a=200, leader_a=200, coordinator=200),
        kwargs=enrolment,
    ),
}
