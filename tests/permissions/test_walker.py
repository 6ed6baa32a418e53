"""The permission walker: every URL pattern of the project, as every persona, against
the table in tests/permissions/table/. Above all, people of organisation B and members of
A whom nobody confirmed get 404 on A's objects; anonymous visitors are sent to log in;
and a view nobody wrote an entry for fails here, by name."""

import pytest
from django.urls import reverse

from tests.fixtures.walk_world import PERSONAS

from .patterns import MEDIA_PREFIX, SKIPPED, all_patterns, project_patterns
from .table import TABLE
from .table.outcomes import PERSONAS as TABLE_PERSONAS
from .table.outcomes import Entry, expect, no_kwargs
from .table.resourcegroups import enrolment
from .walking import ask

pytestmark = pytest.mark.django_db

HOW_TO_ADD = (
    "Add an entry to tests/permissions/table/<app>.py under the pattern's name, e.g.\n"
    '    "{name}": Entry(get=expect(worker_a=200, leader_a=200), kwargs=lambda w: {{...}}),\n'
    "with the URL's arguments from A's objects (tests/fixtures/walk_world.py) and what "
    "each persona gets (tests/permissions/table/outcomes.py); or, for a third-party "
    "prefix, a reasoned line in SKIPPED (tests/permissions/patterns.py)."
)


def test_every_url_pattern_has_an_entry_in_the_table():
    missing = [p for p in project_patterns() if p.name not in TABLE]
    assert not missing, "\n\n".join(
        f"URL pattern {p.name!r} ({p.route}, {p.module}) has no entry in the walker's table.\n"
        + HOW_TO_ADD.format(name=p.name)
        for p in missing
    )


def test_the_table_names_no_pattern_that_is_gone():
    names = {p.name for p in project_patterns()}
    assert sorted(set(TABLE) - names) == []


def test_every_skipped_prefix_still_skips_something():
    routes = [p.route for p in all_patterns()]
    unused = [s for s in SKIPPED if not any(r.startswith(s) for r in routes)]
    assert [s for s in unused if s != MEDIA_PREFIX] == []


def test_the_walk_reaches_people_of_both_organisations_and_every_role():
    assert set(PERSONAS) == set(TABLE_PERSONAS)


# Patterns whose URL names an object that is not A's own, with why B and the unconfirmed
# member of A may reach it. Every other pattern with arguments names one of A's objects.
NOT_A_S_OWN = {
    "account_confirm_email": "allauth's key in the URL; no object of A behind it",
    "account_reset_password_from_key": "allauth's key in the URL; no object of A behind it",
    "certificates:verify": "the public check page of a certificate, by its code",
    "programme:detail": "the published programme, public",
    "programme:calendar": "the published programme's .ics, public",
    "programme:session": "a published session's page, public",
    "programme:session_ics": "a published session's .ics, public",
    "programme:article": "a published article, public",
    "registrations:register": "anyone signed in registers for a programme's session",
    "registrations:register_training_days": "anyone signed in registers for the training days",
    "registrations:calendar_feed": "the personal feed, readable by whoever has its secret token",
}
OUTSIDERS = ("worker_b", "leader_b", "unconfirmed_a")


def test_the_table_gives_b_and_the_unconfirmed_member_404_on_every_object_of_a():
    """A guard on the table itself: an entry that lets an outsider reach A's objects
    must be argued for in NOT_A_S_OWN, not slip in with the next view."""
    let_in = [
        f"{name} ({method.upper()}) lets {persona} in: {outcomes[persona]}"
        for name, entry in TABLE.items()
        if entry.kwargs is not no_kwargs and name not in NOT_A_S_OWN
        for method, outcomes in (("get", entry.get), ("post", entry.post))
        if outcomes
        for persona in OUTSIDERS
        if outcomes[persona] not in (404, 405)
    ]
    assert let_in == []
    assert set(NOT_A_S_OWN) <= set(TABLE)


def test_it_fails_an_entry_that_would_let_organisation_b_in(walk_world, persona_clients):
    """The negative control: a table that says worker_b reads A's group is caught."""
    wrong_entry = Entry(get=expect(worker_a=200, worker_b=200), kwargs=enrolment)
    wrong = walk("resourcegroups:group", wrong_entry, "get", walk_world, persona_clients)
    assert [line.split(": ")[0].rsplit(" as ", 1)[1] for line in wrong] == [
        "leader_a",
        "worker_b",
        "coordinator",
    ]


def walk(entry_name, entry, method, world, clients):
    expected = entry.get if method == "get" else entry.post
    url = reverse(entry_name, kwargs=entry.kwargs(world))
    wrong = []
    for persona, client in clients.items():
        if expected is None:  # POST not in the table: answered like the GET, or 405
            allowed = {entry.get[persona], 405}
        else:
            allowed = {expected[persona]}
        outcome, response = ask(client, method, url)
        if outcome not in allowed:
            wrong.append(
                f"{method.upper()} {url} ({entry_name}) as {persona}: {outcome}, "
                f"the table says {' or '.join(map(str, sorted(allowed, key=str)))}"
            )
    return wrong


@pytest.mark.parametrize("method", ["get", "post"])
def test_every_persona_gets_what_the_table_says(method, walk_world, persona_clients):
    wrong = []
    for name, entry in TABLE.items():
        wrong += walk(name, entry, method, walk_world, persona_clients)
    assert not wrong, "\n".join(wrong)
