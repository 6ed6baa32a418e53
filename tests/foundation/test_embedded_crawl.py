"""Every page each demo role can reach answers without a server error on the embedded
SQLite default, not only on PostgreSQL (a query SQLite refuses showed up only this way)."""

import re
from urllib.parse import urljoin, urlparse

import httpx
import pytest

from demo.data import DEMO_USERS

from .processes import log_in

PAGES_PER_ROLE = 150
SKIPPED_PREFIXES = ("/static/", "/media/", "/konto/logout", "/admin/logout", "/i18n/")


def crawl(client: httpx.Client) -> tuple[set[str], list[tuple[str, int]]]:
    """Follow same-site links breadth first; return the pages seen and any 5xx answers."""
    seen, queue, errors = set(), ["/"], []
    while queue and len(seen) < PAGES_PER_ROLE:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code >= 500:
            errors.append((path, response.status_code))
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        for href in re.findall(r'href="([^"#]+)"', response.text):
            link = urlparse(urljoin(str(client.base_url) + path, href))
            if link.netloc != client.base_url.netloc.decode():
                continue
            target = link.path + (f"?{link.query}" if link.query else "")
            if not target.startswith(SKIPPED_PREFIXES) and target not in seen:
                queue.append(target)
    return seen, errors


@pytest.mark.parametrize("email", [""] + [user[0] for user in DEMO_USERS])
def test_it_answers_every_reachable_page_without_a_server_error(demo_server, email):
    with httpx.Client(base_url=demo_server, follow_redirects=True, timeout=30) as client:
        if email:
            log_in(client, email)
        seen, errors = crawl(client)
    assert len(seen) > 10
    assert errors == []
