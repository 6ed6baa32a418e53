"""Every page each demo role can reach answers without a server error on the embedded
SQLite default, not only on PostgreSQL (a query SQLite refuses showed up only this way)."""

import re
from urllib.parse import urljoin, urlparse

import httpx
import pytest

from programme.demo import DEMO_PASSWORD, DEMO_USERS

from .processes import PYTHON, manage, stop
from .standalone import free_port
from .test_embedded_smoke import serve, sqlite_env  # noqa: F401 - fixture

PAGES_PER_ROLE = 150
SKIPPED_PREFIXES = ("/static/", "/media/", "/konto/logout", "/admin/logout", "/i18n/")


def log_in(client: httpx.Client, email: str) -> None:
    form = client.get("/konto/login/").text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = client.post(
        "/konto/login/",
        data={"login": email, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": str(client.base_url) + "/konto/login/"},
    )
    assert "/konto/login/" not in str(response.url), f"{email} could not log in"


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
def test_it_answers_every_reachable_page_without_a_server_error(sqlite_env, email):  # noqa: F811
    manage("migrate", "--noinput", env=sqlite_env)
    manage("load_demo", env=sqlite_env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = serve(
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        sqlite_env,
        base + "/helse/",
    )
    try:
        with httpx.Client(base_url=base, follow_redirects=True, timeout=30) as client:
            if email:
                log_in(client, email)
            seen, errors = crawl(client)
    finally:
        stop(server)
    assert len(seen) > 10
    assert errors == []
