"""Browser tests: Playwright for Python driving Debian's Chromium, axe-core from npm.

No browser is downloaded: Chromium comes from `apt-get install chromium` (the
Makefile's `browser` target) and axe-core from node_modules (package-lock.json).
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make there are still synchronous, so Django may allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SOURCE = Path(settings.BASE_DIR, "node_modules", "axe-core", "axe.min.js")
BLOCKING_IMPACTS = {"serious", "critical"}

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context in Norwegian, failing the test on any CSP violation."""
    context = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    page.csp_violations = violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert not violations, "Content Security Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def log_in(page, live_server):
    """log_in(participant): give the browser a signed-in session for that person."""

    def _log_in(participant):
        client = Client()
        client.force_login(participant.user)
        name = settings.SESSION_COOKIE_NAME
        page.context.add_cookies(
            [{"name": name, "value": client.cookies[name].value, "url": live_server.url}]
        )
        return page

    return _log_in


def axe_violations(page) -> list[dict]:
    """Run axe-core in the page (WCAG 2.1 A and AA rules) and return its violations.

    The source is evaluated through the DevTools protocol rather than injected as a
    <script>, so the page's strict CSP stays on while axe runs.
    """
    page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    return result["violations"]


def assert_accessible(page) -> None:
    """Fail with a readable list when axe finds a serious or critical violation."""
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    lines = [
        f"{v['impact']}: {v['id']} – {v['help']} ({len(v['nodes'])}x: "
        + ", ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:3])
        + ")"
        for v in blocking
    ]
    assert not blocking, f"axe-core found violations on {page.url}:\n" + "\n".join(lines)


@pytest.fixture
def demo_coordinator(page, transactional_db, settings):
    """The demo loaded, the window 320 px wide, and its coordinator signed in on the start
    page: where the workspace's journeys begin."""
    from django.core.management import call_command
    from django.urls import reverse

    from demo.data import DEMO_PASSWORD, DEMO_USERS

    settings.DEMO_MODE = True
    call_command("load_demo", verbosity=0)
    email = next(email for email, _, role, *_ in DEMO_USERS if role == "coordinator")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(page.base_url + reverse("account_login"))
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(page.base_url + reverse("coordination:start"))
    return page
