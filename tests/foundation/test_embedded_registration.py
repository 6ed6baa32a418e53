"""On the embedded SQLite default a service worker registers, sees the outcome, and the
confirmation is printed by the console email backend: the hand-written critical
section and the email dispatch window work without PostgreSQL and Redis."""

import re

import httpx

from .processes import PYTHON, manage, stop
from .standalone import free_port
from .test_embedded_crawl import log_in
from .test_embedded_smoke import serve, sqlite_env  # noqa: F401 - fixture

REGISTER_FORM = re.compile(r'action="(/samlinger/\d+/meld-pa/)">\s*<input[^>]*value="([^"]+)"')


def test_a_demo_worker_registers_and_gets_the_confirmation_by_console_email(sqlite_env):  # noqa: F811
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
            log_in(client, "tjenesteutover@example.no")
            programme = client.get("/").text
            sessions = sorted(set(re.findall(r'href="(/samlinger/\d+/)"', programme)))
            form = next(
                match
                for match in (REGISTER_FORM.search(client.get(s).text) for s in sessions)
                if match
            )
            action, token = form.groups()
            response = client.post(
                action,
                data={"csrfmiddlewaretoken": token},
                headers={"Referer": base + action.replace("meld-pa/", "")},
            )
    finally:
        stop(server)
        output = server.stdout.read()
    assert response.status_code == 200
    assert "Du er påmeldt" in response.text or "på ventelisten" in response.text
    assert "To: tjenesteutover@example.no" in output
