"""The walker's world: two organisations A («Gjøvik kommune», the personas' own) and B
(«Lillehammer kommune»), each enrolled with a resource group, a routine, an offer, a
partner, a meeting and a report (tests/fixtures/resourcegroups.py); a supervision group;
A's service worker registered, evaluated, certified and chosen to mark milestones; a
leader and a member waiting for a confirmation; a session material and an article.
Every object a URL of the table names is here, and it is A's."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from implementation import services as implementation
from implementation.models import Milestone, Phase
from tests import factories
from tests.evaluations.conftest import add_questions, ended_session
from tests.fixtures.materials import file_material

# persona -> fixture name of tests/conftest.py and tests/fixtures/; None for anonymous.
PERSONAS = {
    "anonymous": None,
    "unconfirmed_a": "unconfirmed_member",
    "worker_a": "service_worker",
    "leader_a": "leader",
    "worker_b": "other_service_worker",
    "leader_b": "other_leader",
    "supervisor": "supervisor",
    "coordinator": "coordinator",
}


@pytest.fixture
def walk_world(
    world, supervision_group, unconfirmed_member, coordinator, private_storage, organisation
):
    a = world.own
    worker = a.worker
    session = world.training_days[0]
    registration = factories.RegistrationFactory(session=session, participant=worker)
    evaluated = ended_session(programme=world.programme)
    add_questions(world.programme)
    factories.RegistrationFactory(session=evaluated, participant=worker, attended=True)
    phase = Phase.objects.create(programme=world.programme, order=1, name="Forankring")
    milestone = Milestone.objects.create(
        phase=phase, order=1, title="Ressursgruppen er etablert", goal=world.goals[2]
    )
    implementation.choose_keeper(enrolment=a.enrolment, participant=worker)
    certificate = factories.CertificateFactory(participant=worker, programme=world.programme)
    return SimpleNamespace(
        **vars(world),
        session=session,
        registration=registration,
        evaluated=evaluated,
        milestone=milestone,
        certificate=certificate,
        material=file_material(session),
        article=factories.ArticleFactory(),
        supervision=supervision_group,
        supervision_meeting=supervision_group.meetings.get(),
        waiting_leader=factories.LeaderFactory(organisation=organisation, leader_confirmed=False),
        unconfirmed=unconfirmed_member,
        coordinator=coordinator,
        yesterday=timezone.localdate() - dt.timedelta(days=1),
    )


@pytest.fixture
def persona_clients(request, walk_world):
    """persona -> a test client signed in as that persona (anonymous: not signed in)."""
    clients = {}
    for persona, fixture in PERSONAS.items():
        # A view that fails answers 500 here, listed with the rest, not raised.
        client = Client(raise_request_exception=False)
        if fixture:
            client.force_login(request.getfixturevalue(fixture).user)
        clients[persona] = client
    return clients
