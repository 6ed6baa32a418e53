"""Every page each demo role reaches, checked in Chromium: no axe-core violation of the
WCAG 2.0/2.1 A and AA rules (of any impact), exactly one h1, no skipped heading level,
a name on every form control, no id used twice, `<html lang>` set and no sideways
scrolling of the page (WCAG 1.4.10 Reflow; a wide table scrolls in its own region).

The crawl follows same-site GET links breadth first from the front page and «Min side»,
as tests/foundation/test_embedded_crawl.py does without a browser, in one browser
context per role (the `page` fixture, which also fails on a CSP violation). The window
is 320 CSS pixels wide, the width WCAG's reflow criterion names: only there do wide
tables scroll, and a scrolling region must be reachable by keyboard. No page hides or
shows content by width, so nothing seen wider is missed.
"""

from collections import Counter
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve, reverse

from demo.data import DEMO_PASSWORD, DEMO_USERS

from .conftest import axe_violations

PAGES_PER_ROLE = 80
NARROW = {"width": 320, "height": 800}
SKIPPED_PREFIXES = ("/admin/", "/konto/logout/", "/i18n/", "/static/", "/media/")
SKIPPED_SUFFIXES = (".ics", ".csv", ".xlsx", ".json")
ROLES = {"anonymous": ""} | {role: email for email, _, role, *_ in DEMO_USERS}

# Checks axe leaves to the page's author, run in the page after axe is loaded.
STRUCTURE_PROBLEMS = """() => {
    const problems = [];
    const shown = (e) => axe.commons.dom.isVisibleToScreenReaders(e);
    const name = (e) => axe.commons.text.accessibleText(e).trim();
    const where = (e) => axe.utils.getSelector(e);
    axe.setup(document);
    try {
        const root = document.documentElement;
        if (!root.lang.trim()) problems.push(['html-lang', 'html']);
        if (root.scrollWidth > root.clientWidth) {
            problems.push([`reflow (${root.scrollWidth} px wide in ${root.clientWidth})`, 'html']);
        }
        const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(shown);
        const h1s = headings.filter((h) => h.tagName === 'H1');
        if (h1s.length !== 1) problems.push([`one-h1 (found ${h1s.length})`, 'h1']);
        let previous = 0;
        for (const heading of headings) {
            const level = Number(heading.tagName[1]);
            if (level > previous + 1) {
                problems.push([`heading-skip (h${previous} to h${level})`, where(heading)]);
            }
            previous = level;
        }
        const controls = document.querySelectorAll(
            'input:not([type=hidden]), select, textarea, button, [role=button]'
        );
        for (const control of controls) {
            if (shown(control) && !name(control)) problems.push(['control-name', where(control)]);
        }
        const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
        for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) {
            problems.push(['duplicate-id', `#${CSS.escape(id)}`]);
        }
    } finally {
        axe.teardown();
    }
    return problems;
}"""

LINKS = """() => [...document.querySelectorAll('a[href]:not([download])')].map((a) => a.href)"""


@pytest.fixture
def demo(transactional_db, settings):
    settings.DEMO_MODE = True
    call_command("load_demo", verbosity=0)


def sign_in(page, email):
    page.goto(page.base_url + reverse("account_login"))
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(lambda url: reverse("account_login") not in url)


def crawlable(url: str, origin: str) -> bool:
    parts = urlsplit(url)
    return (
        f"{parts.scheme}://{parts.netloc}" == origin
        and not parts.path.startswith(SKIPPED_PREFIXES)
        and not parts.path.endswith(SKIPPED_SUFFIXES)
    )


def page_problems(page) -> list[str]:
    """Every axe violation node and every structure problem of the open page."""
    lines = [
        f"{page.url} {violation['id']} {' '.join(node['target'])}"
        for violation in axe_violations(page)
        for node in violation["nodes"]
    ]
    lines += [f"{page.url} {rule} {target}" for rule, target in page.evaluate(STRUCTURE_PROBLEMS)]
    return lines


def route(url: str) -> str:
    path = urlsplit(url).path
    try:
        return resolve(path).route
    except Resolver404:
        return path


def crawl(page) -> tuple[list[str], list[str]]:
    """Visit same-site pages breadth first; return the HTML pages checked and the problems.

    Within the bound, a page of a URL pattern not yet visited goes before another page of
    one already visited (the coordinator's fifteen session lists would fill it otherwise).
    """
    origin = page.base_url
    queue = [origin + reverse("programme:home"), origin + reverse("mypage:dashboard")]
    seen, checked, problems, visits = set(queue), [], [], Counter()
    while queue and len(checked) < PAGES_PER_ROLE:
        url = min(queue, key=lambda queued: visits[route(queued)])  # the first of the least seen
        queue.remove(url)
        visits[route(url)] += 1
        response = page.goto(url)
        if response.status >= 400:
            problems.append(f"{page.url} HTTP {response.status}")
        if page.url in checked or "text/html" not in response.headers.get("content-type", ""):
            continue
        checked.append(page.url)
        problems += page_problems(page)
        for href in page.evaluate(LINKS):
            link = urldefrag(href).url
            if link not in seen and crawlable(link, origin):
                seen.add(link)
                queue.append(link)
    return checked, problems


@pytest.mark.parametrize("role", ROLES)
def test_it_finds_no_accessibility_problem_on_any_page_a_role_reaches(page, demo, role):
    page.set_viewport_size(NARROW)
    if ROLES[role]:
        sign_in(page, ROLES[role])
    checked, problems = crawl(page)
    print(f"{role}: {len(checked)} pages checked")
    assert len(checked) > 5, checked
    assert not problems, f"{len(problems)} problems on {len(checked)} pages:\n" + "\n".join(
        problems
    )
