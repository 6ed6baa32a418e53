"""A long export as a job, in the browser: the coordinator clicks the list's download, lands
on the job's page with a progress bar, sees it move as the worker counts rows (the page's
own script asks the status), reaches 100 % and downloads the file; axe-core is clean on
the page while it runs and when it is done, and the page still works without JavaScript.

The worker is this test: the queued task is held back (its `delay` recorded, not run), so
the page can be seen waiting and half-way before the real task body runs in the test's
thread against the same committed database.
"""

from unittest import mock

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from coordination.tasks import export_session_list
from progress.jobs import Progress, claim
from tests import factories

from .conftest import assert_accessible


@pytest.fixture
def long_list(settings):
    """Six people on a session whose list counts as long above five."""
    settings.EXPORT_JOB_THRESHOLD = 5
    session = factories.session_in_days(10, title="Pårørendes rettigheter")
    for n in range(6):
        factories.RegistrationFactory(session=session, participant__full_name=f"Person {n}")
    return session


class Queue(list):
    """The messages a task's `delay` was given."""

    def append_kwargs(self, **kwargs):
        self.append(kwargs)


@pytest.fixture
def queued():
    calls = Queue()
    with mock.patch.object(export_session_list, "delay", side_effect=calls.append_kwargs):
        yield calls


def test_a_long_export_shows_its_progress_and_offers_the_file(
    page, log_in, coordinator, long_list, job_storage, queued
):
    log_in(coordinator)
    page.goto(page.base_url + reverse("coordination:session", args=[long_list.pk]))
    page.get_by_role("button", name="Last ned CSV").click()

    page.wait_for_url("**/jobber/**")
    bar = page.get_by_role("progressbar", name="Framdrift")
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("value", "0")
    expect(page.get_by_text("Venter på å starte")).to_be_visible()
    assert_accessible(page)

    # The worker starts and gets half-way: the script moves the bar without a reload.
    [message] = queued
    job = claim(message["job_id"])
    progress = Progress(job)
    progress.set_total(6)
    progress.step(3)
    expect(bar).to_have_attribute("value", "50")
    expect(page.get_by_text("3 av 6 (50 %)")).to_be_visible()
    assert_accessible(page)

    # It finishes (the real task body): the page offers the file, the bar at 100 %.
    export_session_list.run(**message)
    download_link = page.get_by_role("link", name="Last ned deltakerliste-")
    expect(download_link).to_be_visible()
    expect(page.get_by_role("progressbar", name="Framdrift")).to_have_attribute("value", "100")
    expect(page.get_by_text("6 av 6 (100 %)")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename.startswith("deltakerliste-")
    assert download.suggested_filename.endswith(".csv")
    lines = download.path().read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Navn;")
    assert sorted(line.split(";")[0] for line in lines[1:]) == [f"Person {n}" for n in range(6)]


def test_without_javascript_the_page_reloads_itself_until_done(
    browser, live_server, coordinator, long_list, job_storage, queued
):
    context = browser.new_context(java_script_enabled=False, locale="nb-NO")
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.base_url = live_server.url
        client_cookie(context, live_server, coordinator)
        page.goto(live_server.url + reverse("coordination:export_csv", args=[long_list.pk]))
        page.wait_for_url("**/jobber/**")
        expect(page.get_by_text("Venter på å starte")).to_be_visible()
        expect(page.get_by_role("link", name="Oppdater siden")).to_be_visible()

        [message] = queued
        export_session_list.run(**message)
        # The <noscript> refresh reloads the page within a few seconds.
        expect(page.get_by_role("link", name="Last ned deltakerliste-")).to_be_visible(
            timeout=8_000
        )
    finally:
        context.close()


def client_cookie(context, live_server, participant):
    client = Client()
    client.force_login(participant.user)
    name = settings.SESSION_COOKIE_NAME
    cookie = {"name": name, "value": client.cookies[name].value, "url": live_server.url}
    context.add_cookies([cookie])
