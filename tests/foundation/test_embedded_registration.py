"""On the embedded SQLite default a service worker registers, sees the outcome, and the
confirmation is printed by the console email backend: the hand-written critical
section and the email dispatch window work without PostgreSQL and Redis."""

import re

import httpx

from .processes import REGISTER_FORM, load_demo, log_in, runserver, stop


def test_a_demo_worker_registers_and_gets_the_confirmation_by_console_email(sqlite_env):
    load_demo(sqlite_env)
    base, server = runserver(sqlite_env)
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
