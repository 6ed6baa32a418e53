"""The walker's table for coordination: see outcomes.py for the words."""

from .outcomes import COORDINATORS, REDIRECT, Entry, expect


def session(w):
    return {"pk": w.session.pk}


def programme(w):
    return {"slug": w.programme.slug}


ENTRIES = {
    "coordination:home": Entry(get=COORDINATORS),
    "coordination:start": Entry(get=COORDINATORS),
    "coordination:leaders": Entry(get=COORDINATORS),
    "coordination:confirm_leader": Entry(
        get=COORDINATORS,
        post=expect(coordinator=REDIRECT),
        kwargs=lambda w: {"pk": w.waiting_leader.pk},
    ),
    "coordination:turn_down_leader": Entry(
        get=COORDINATORS,
        post=expect(coordinator=REDIRECT),
        kwargs=lambda w: {"pk": w.waiting_leader.pk},
    ),
    "coordination:members": Entry(get=COORDINATORS),
    "coordination:confirm_member": Entry(
        get=COORDINATORS,
        post=expect(coordinator=REDIRECT),
        kwargs=lambda w: {"pk": w.unconfirmed.pk},
    ),
    "coordination:session": Entry(get=COORDINATORS, kwargs=session),
    "coordination:add": Entry(get=COORDINATORS, kwargs=session),
    "coordination:remove": Entry(
        get=COORDINATORS,
        post=expect(coordinator=REDIRECT),
        kwargs=lambda w: {"pk": w.session.pk, "registration_pk": w.registration.pk},
    ),
    "coordination:capacity": Entry(get=COORDINATORS, kwargs=session),
    "coordination:attendance": Entry(
        get=COORDINATORS,
        post=expect(coordinator=REDIRECT),
        kwargs=session,
    ),
    "coordination:export_csv": Entry(get=COORDINATORS, kwargs=session),
    "coordination:export_xlsx": Entry(get=COORDINATORS, kwargs=session),
    "coordination:message": Entry(get=COORDINATORS, kwargs=session),
    "coordination:materials": Entry(get=COORDINATORS, kwargs=session),
    "coordination:remove_material": Entry(
        get=COORDINATORS,
        post=expect(coordinator=REDIRECT),
        kwargs=lambda w: {"pk": w.session.pk, "material_pk": w.material.pk},
    ),
    "coordination:programme_message": Entry(get=COORDINATORS, kwargs=programme),
    "coordination:walk_in": Entry(get=COORDINATORS, kwargs=session),
    "coordination:invite": Entry(get=COORDINATORS, kwargs=lambda w: {"pk": w.network_meeting.pk}),
    "coordination:supervision_groups": Entry(get=COORDINATORS),
    "coordination:new_supervision_group": Entry(get=COORDINATORS, kwargs=programme),
    "coordination:supervision_group": Entry(
        get=COORDINATORS, kwargs=lambda w: {"pk": w.supervision.pk}
    ),
    "coordination:schedule_supervision": Entry(
        get=COORDINATORS, kwargs=lambda w: {"pk": w.supervision.pk}
    ),
    "coordination:organisations": Entry(get=COORDINATORS),
    "coordination:audit_log": Entry(get=COORDINATORS),
    "coordination:dashboard_home": Entry(get=expect(coordinator=REDIRECT)),
    "coordination:dashboard": Entry(get=COORDINATORS, kwargs=programme),
    "coordination:dashboard_csv": Entry(get=COORDINATORS, kwargs=programme),
    "coordination:dashboard_xlsx": Entry(get=COORDINATORS, kwargs=programme),
    "coordination:organisations_csv": Entry(get=COORDINATORS),
    "coordination:organisations_xlsx": Entry(get=COORDINATORS),
    "coordination:implementation": Entry(get=COORDINATORS),
    "coordination:implementation_csv": Entry(get=COORDINATORS),
    "coordination:implementation_xlsx": Entry(get=COORDINATORS),
}
