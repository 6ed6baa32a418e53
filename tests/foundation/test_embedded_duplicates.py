"""On the embedded SQLite default a second registration for the same session, a double
click on «Meld meg på» or «Meld på alle opplæringsdager» once the days are taken, is
refused with a message, as on PostgreSQL: the duplicate is recognised on every backend."""

import re

import httpx

from .processes import CSRF_TOKEN, REGISTER_FORM, log_in

ALL_TRAINING_DAYS = re.compile(
    r'action="(/program/[^/]+/meld-pa-alle-opplaeringsdager/)" class="my-3">\s*'
    r'<input[^>]*value="([^"]+)"'
)


def post_twice(client: httpx.Client, base: str, page: str, form: re.Pattern):
    html = client.get(page).text
    match = form.search(html)
    assert match, f"No form on {page}"
    action, token = match.groups()
    answers = [
        client.post(action, data={"csrfmiddlewaretoken": token}, headers={"Referer": base + page})
        for _ in range(2)
    ]
    return answers


def test_it_refuses_a_double_click_on_register_with_a_message(demo_server):
    with httpx.Client(base_url=demo_server, follow_redirects=True, timeout=30) as client:
        log_in(client, "tjenesteutover@example.no")
        sessions = sorted(set(re.findall(r'href="(/samlinger/\d+/)"', client.get("/").text)))
        page = next(s for s in sessions if REGISTER_FORM.search(client.get(s).text))

        first, second = post_twice(client, demo_server, page, REGISTER_FORM)

    assert first.status_code == 200
    assert second.status_code == 200
    assert "Tor Tjenesteutøver er allerede påmeldt eller står på venteliste" in second.text


def test_it_registers_for_all_training_days_once_some_are_taken(demo_server):
    with httpx.Client(base_url=demo_server, follow_redirects=True, timeout=30) as client:
        log_in(client, "leder@example.no")

        first, second = post_twice(client, demo_server, "/", ALL_TRAINING_DAYS)

    assert first.status_code == 200
    assert second.status_code == 200
    assert CSRF_TOKEN.search(second.text)  # a page of the portal, not a bare error
