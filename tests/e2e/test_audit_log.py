"""The audit log's pages: a coordinator filters the log by keyboard and a leader reads
their unit's log, with axe-core clean on both."""

from django.urls import reverse
from playwright.sync_api import expect

import audit

from .conftest import assert_accessible


def test_a_coordinator_filters_the_log_by_keyboard(page, log_in, coordinator, leader, world):
    audit.record("logged_in", actor=leader.user, obj=leader.user, person=leader.user)
    log_in(coordinator)
    page.goto(page.base_url + reverse("coordination:start"))
    link = page.get_by_role("link", name="Endringslogg", exact=True)
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Endringslogg")
    assert_accessible(page)

    page.get_by_label("Person (navn eller e-post)").fill("Lise")
    page.get_by_label("Hendelse").select_option("logged_in")
    page.get_by_role("button", name="Vis").focus()
    page.keyboard.press("Enter")

    expect(page.locator("table.audit-log tbody tr")).to_have_count(1)
    expect(page.locator("table.audit-log")).to_contain_text("Lise Leder")
    assert_accessible(page)


def test_a_leader_reads_the_units_log(page, log_in, leader, world):
    log_in(leader)
    page.goto(
        page.base_url
        + reverse("resourcegroups:audit_log", kwargs={"enrolment": world.own.enrolment.pk})
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(world.own.enrolment.organisation.name)
    expect(page.locator("table.audit-log")).to_contain_text("Pårørendegruppe")
    assert_accessible(page)
