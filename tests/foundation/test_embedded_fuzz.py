"""The embedded demo's forms fuzzed on SQLite, as tests/fuzz/ does on PostgreSQL: sign-up,
log-in, the profile and a registration, posted with hostile input to the portal served
from a child process (as `make run` serves it). No 500, no unescaped markup, and a refused
profile leaves the stored profile as it was (read from the SQLite file)."""

import re
import sqlite3

import httpx
import pytest
from hypothesis import given, settings

from tests.fuzz.hostile import SCRIPT, field_strategy, post_data, value_strategy
from tests.fuzz.html_forms import form_for
from tests.fuzz.profiles import PROFILE

from .processes import embedded_env, load_demo, log_in, runserver, stop

WORKER = "tjenesteutover@example.no"


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory):
    """The demo on SQLite, without the log-in rate limits (they would answer 429 long
    before the examples are done): (base URL, SQLite file)."""
    directory = tmp_path_factory.mktemp("embedded-fuzz")
    env = embedded_env(directory) | {"DISABLE_RATE_LIMITS": "1"}
    load_demo(env)
    base, server = runserver(env, log=directory / "server.log")
    yield base, directory / "db.sqlite3"
    stop(server)


def stored_profile(database) -> tuple:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        return connection.execute(
            "SELECT p.* FROM participants_participant p JOIN auth_user u ON u.id = p.user_id "
            "WHERE u.email = ?",
            [WORKER],
        ).fetchone()


def fuzz(client: httpx.Client, page: str, action: str, check=None) -> None:
    html = client.get(page).text
    form = form_for(html, page, action)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    fields = {
        name: field_strategy(value_strategy(field.values), field.multiple)
        for name, field in form.fields.items()
        if name != "csrfmiddlewaretoken"
    }

    @settings(PROFILE)
    @given(data=post_data(fields))
    def send(data):
        response = client.post(action, data={**data, "csrfmiddlewaretoken": token})
        assert response.status_code < 500, response.text[-2000:]
        assert SCRIPT[:8] not in response.text, "unescaped markup in the answer"
        if response.is_redirect:
            following = client.get(response.headers["Location"])
            assert following.status_code < 500
            assert SCRIPT[:8] not in following.text
        elif check:
            check()

    send()


def test_sign_up_takes_hostile_input_on_sqlite(fuzz_server):
    base, _database = fuzz_server
    with httpx.Client(base_url=base, timeout=30) as client:
        fuzz(client, "/konto/signup/", "/konto/signup/")


def test_log_in_takes_hostile_input_on_sqlite(fuzz_server):
    base, _database = fuzz_server
    with httpx.Client(base_url=base, timeout=30) as client:
        fuzz(client, "/konto/login/", "/konto/login/")


def test_the_profile_takes_hostile_input_on_sqlite_and_keeps_what_was_saved(fuzz_server):
    base, database = fuzz_server
    before = stored_profile(database)
    with httpx.Client(base_url=base, timeout=30, follow_redirects=False) as client:
        with httpx.Client(base_url=base, timeout=30, follow_redirects=True) as signing_in:
            log_in(signing_in, WORKER)
            client.cookies = signing_in.cookies

        def unchanged():
            assert stored_profile(database) == before, "a refused POST changed the profile"

        fuzz(client, "/profil/", "/profil/", check=unchanged)


def test_a_registration_takes_hostile_input_on_sqlite(fuzz_server):
    base, _database = fuzz_server
    with httpx.Client(base_url=base, timeout=30) as client:
        with httpx.Client(base_url=base, timeout=30, follow_redirects=True) as signing_in:
            log_in(signing_in, WORKER)
            client.cookies = signing_in.cookies
        programme = client.get("/").text
        for page in sorted(set(re.findall(r'href="(/samlinger/\d+/)"', programme))):
            if f'action="{page}meld-pa/"' in client.get(page).text:
                break
        else:
            pytest.fail("no session of the demo takes registrations")
        fuzz(client, page, page + "meld-pa/")
