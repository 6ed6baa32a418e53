"""Deleting an account keeps the programme's figures: registrations and attendance move
to an anonymous stand-in (privacy.anonymisation), and nothing stored names the person."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse

from coordination.forms import AddParticipantForm
from coordination.organisations import overview
from evaluations.models import Respondent
from participants.models import Participant, Registration
from participants.selectors import members_waiting, staff_of
from privacy import services
from tests import factories

User = get_user_model()
CONFIRMED = Registration.Status.CONFIRMED


@pytest.fixture
def history(service_worker, other_service_worker, programme):
    """Tor (to be deleted) and Ola each attended two training days of the programme;
    Tor was also on a third's waiting list and cancelled a fourth."""
    service_worker.phone = "41234567"
    service_worker.job_title = "Unik stillingstittel Torsen"
    service_worker.dietary_needs = "Cøliaki, Torsens kosthold"
    service_worker.save()
    factories.EnrolmentFactory(programme=programme, organisation=service_worker.organisation)
    factories.EnrolmentFactory(programme=programme, organisation=other_service_worker.organisation)
    days = [factories.session_in_days(-60 + 7 * n, programme=programme) for n in range(4)]
    for person in (service_worker, other_service_worker):
        for day in days[:2]:
            factories.RegistrationFactory(participant=person, session=day, attended=True)
    factories.RegistrationFactory(
        participant=service_worker, session=days[2], status=Registration.Status.WAITLISTED
    )
    factories.RegistrationFactory(
        participant=service_worker, session=days[3], status=Registration.Status.CANCELLED
    )
    Respondent.objects.create(participant=service_worker, session=days[0])
    return days


def figures(programme):
    """A programme's numbers: per session registered, waiting and attended; per
    organisation (the coordinators' overview) staff, registered and attending."""
    per_session = list(
        Registration.objects.filter(session__programme=programme)
        .values("session")
        .annotate(
            registered=Count("pk", filter=Q(status=CONFIRMED)),
            waiting=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
            cancelled=Count("pk", filter=Q(status=Registration.Status.CANCELLED)),
            attended=Count("pk", filter=Q(attended=True)),
        )
        .order_by("session")
    )
    per_session_and_organisation = list(
        Registration.objects.filter(session__programme=programme)
        .values("session", "status", "attended", "participant__organisation")
        .annotate(n=Count("pk"))
        .order_by("session", "status", "attended", "participant__organisation")
    )
    per_organisation = [
        (e.organisation_id, e.staff_count, e.registered_count, e.attending_count)
        for e in overview(programme, gatherings=[]).rows
    ]
    answered = Respondent.objects.filter(session__programme=programme).count()
    return per_session, per_session_and_organisation, per_organisation, answered


def test_it_keeps_the_counts_per_session_and_per_organisation(history, service_worker, programme):
    before = figures(programme)

    services.delete_account(user=service_worker.user)

    assert figures(programme) == before


def test_it_moves_everything_to_one_stand_in_per_deletion(history, service_worker, leader):
    moved = set(
        Registration.objects.filter(participant=service_worker).values_list("pk", flat=True)
    )
    leader_day = factories.session_in_days(-10, programme=history[0].programme)
    factories.RegistrationFactory(participant=leader, session=leader_day, attended=True)

    kept = services.delete_account(user=service_worker.user)
    services.delete_account(user=leader.user)

    assert kept == len(moved) == 4
    stand_ins = list(Participant.objects.filter(anonymised_at__isnull=False))
    assert len(stand_ins) == 2
    [tor] = [s for s in stand_ins if s.role == Participant.Role.SERVICE_WORKER]
    assert set(tor.registrations.values_list("pk", flat=True)) == moved
    assert Respondent.objects.filter(participant=tor).count() == 1


def test_the_stand_in_cannot_sign_in_and_is_nobodys_colleague(history, service_worker, client):
    organisation = service_worker.organisation

    services.delete_account(user=service_worker.user)

    stand_in = Participant.objects.get(anonymised_at__isnull=False)
    assert not stand_in.user.is_active
    assert not stand_in.user.has_usable_password()
    assert stand_in.user.email == ""
    assert (stand_in.phone, stand_in.job_title, stand_in.dietary_needs) == ("", "", "")
    assert stand_in not in staff_of(organisation)
    assert stand_in not in members_waiting(organisation)


def test_it_keeps_nothing_that_names_the_person(history, service_worker, other_service_worker):
    """Every text column of every table is searched for what named Tor: name, email
    addresses, phone, job title, dietary needs. What he wrote for his organisation
    (reports, routines) would stay: it is the organisation's (privacy.anonymisation)."""
    user = service_worker.user
    traces = {
        service_worker.full_name,
        user.email,
        user.username,
        service_worker.phone,
        service_worker.job_title,
        service_worker.dietary_needs,
        service_worker.calendar_token,
    }

    services.delete_account(user=user)

    found = []
    for model in apps.get_models():
        text_fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        for row in model._default_manager.values_list(*text_fields) if text_fields else []:
            for value in row:
                text = str(value).lower()
                found += [(model._meta.label, t) for t in traces if t and t.lower() in text]
    assert found == []
    assert Participant.objects.filter(full_name=other_service_worker.full_name).exists()


def test_a_stand_in_is_not_offered_to_a_coordinator_adding_people(history, service_worker):
    session = factories.session_in_days(20, programme=history[0].programme)
    services.delete_account(user=service_worker.user)

    form = AddParticipantForm(session=session)
    assert not form.participant_field().queryset.filter(anonymised_at__isnull=False).exists()


def test_a_coordinator_cannot_certify_a_stand_in(history, service_worker, login, coordinator):
    programme = history[0].programme
    services.delete_account(user=service_worker.user)
    stand_in = Participant.objects.get(anonymised_at__isnull=False)
    client = login(coordinator)

    for name in ("attendance", "issue"):
        url = reverse(f"certificates:{name}", args=[programme.slug, stand_in.pk])
        assert client.get(url).status_code == 404
    ola = Registration.objects.exclude(participant=stand_in).first().participant
    url = reverse("certificates:attendance", args=[programme.slug, ola.pk])
    assert client.get(url).status_code == 200
