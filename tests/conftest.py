"""Shared personas: a service worker and a leader of one organisation, the same of
another organisation, a coordinator, and an anonymous outsider who must see nothing."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from . import factories

# Fixtures more than one app's tests use; each folder's own stay beside its tests.
pytest_plugins = [
    "tests.fixtures.attendance",
    "tests.fixtures.events",
    "tests.fixtures.jobs",
    "tests.fixtures.materials",
    "tests.fixtures.resourcegroups",
    "tests.fixtures.sessions",
    "tests.fixtures.walk_world",
]


@pytest.fixture
def organisation(db):
    return factories.OrganisationFactory(name="Gjøvik kommune", municipality_number="3407")


@pytest.fixture
def other_organisation(db):
    return factories.OrganisationFactory(name="Lillehammer kommune", municipality_number="3405")


@pytest.fixture
def service_worker(organisation):
    return factories.ParticipantFactory(organisation=organisation, full_name="Tor Tjenesteutøver")


@pytest.fixture
def unconfirmed_member(organisation):
    """Chose «Gjøvik kommune» on the profile; nobody has confirmed that they work there."""
    return factories.UnconfirmedMemberFactory(organisation=organisation, full_name="Una Ubekreftet")


@pytest.fixture
def leader(organisation):
    return factories.LeaderFactory(organisation=organisation, full_name="Lise Leder")


@pytest.fixture
def other_service_worker(other_organisation):
    return factories.ParticipantFactory(organisation=other_organisation, full_name="Ola Annen")


@pytest.fixture
def other_leader(other_organisation):
    return factories.LeaderFactory(organisation=other_organisation, full_name="Anne Annenleder")


@pytest.fixture
def guest(db):
    """From outside the participating organisations: open events only."""
    return factories.GuestFactory()


@pytest.fixture
def coordinator(db):
    return factories.CoordinatorFactory(full_name="Kari Koordinator")


@pytest.fixture
def programme(db):
    return factories.ProgrammeFactory()


@pytest.fixture
def demo(db):
    """The demo programme, people and registrations of `manage.py load_demo`."""
    call_command("load_demo", verbosity=0)


@pytest.fixture
def login(client):
    """Log a participant in on the test client: login(participant) -> client."""

    def _login(participant):
        client.force_login(participant.user)
        return client

    return _login


@pytest.fixture
def coordinator_client(login, coordinator):
    return login(coordinator)


class QueryCounter(CaptureQueriesContext):
    """Like django_assert_num_queries, but prints every statement when the count is off."""

    def __init__(self, expected):
        super().__init__(connection)
        self.expected = expected

    def __exit__(self, exc_type, exc_value, traceback):
        super().__exit__(exc_type, exc_value, traceback)
        if exc_type is None and len(self) != self.expected:
            statements = "\n".join(
                f"{i}. {q['sql']}" for i, q in enumerate(self.captured_queries, 1)
            )
            pytest.fail(f"Expected {self.expected} queries, ran {len(self)}:\n{statements}")


@pytest.fixture
def assert_queries():
    return QueryCounter


@pytest.fixture(autouse=True)
def _celery_in_process(request):
    """Celery tasks run eagerly in the test process (email lands in `mailoutbox`), except in
    tests marked `integration`, which start a real worker against the Redis broker."""
    from familiestotte.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = request.node.get_closest_marker("integration") is None
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Hashing with PBKDF2 costs most of a test's time here; no test is about its strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache and no dispatch window: a window left open
    by the previous test would otherwise hold back this test's registration emails."""
    from django.core.cache import cache

    from notifications.dispatch import DispatchWindow

    cache.clear()
    DispatchWindow.forget()
    yield
    cache.clear()
    DispatchWindow.forget()
