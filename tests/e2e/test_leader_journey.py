"""A leader's journey in the browser: log in, add a resource-group member, move an
offer to «etablert», submit a progress report; axe-core clean on every page."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from resourcegroups import services
from resourcegroups.models import Offer, ProgressReport
from tests import factories

from .conftest import assert_accessible


@pytest.fixture
def leader_world(db, programme, leader, service_worker):
    for number in range(1, 5):
        factories.GoalFactory(programme=programme, number=number, text=f"Mål nummer {number}")
    enrolment = factories.EnrolmentFactory(programme=programme, organisation=leader.organisation)
    day = factories.SessionFactory(programme=programme, number=1, title="Pårørendes rettigheter")
    factories.RegistrationFactory(participant=service_worker, session=day)
    gathering = factories.LeaderGatheringFactory(
        programme=programme,
        number=1,
        title="Lederrollen",
        starts_at=timezone.now() + dt.timedelta(days=30),
    )
    offer = services.create_work(
        model=Offer,
        enrolment=enrolment,
        actor=leader.user,
        title="Pårørendegruppe",
        kind=Offer.Kind.LEARNING_AND_COPING,
        status="in_progress",
    )
    return enrolment, offer, gathering


def test_it_takes_a_leader_through_group_offer_and_report(
    page, leader, service_worker, leader_world
):
    enrolment, offer, gathering = leader_world

    # Log in with email and password.
    page.goto(page.base_url + reverse("account_login"))
    page.get_by_label("E-post").fill(leader.user.email)
    page.get_by_label("Passord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logg inn").click()

    # «Min enhet» leads to the organisation's page.
    page.get_by_role("link", name="Min enhet").click()
    page.wait_for_url(f"**/enhet/{enrolment.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Gjøvik kommune"
    assert page.get_by_role("cell", name="Påmeldt", exact=True).count() == 1
    assert_accessible(page)

    # Add a member to the resource group.
    page.get_by_role("link", name="Ressursgruppe", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Ansatt").select_option(label=f"{service_worker.full_name} (Miljøterapeut)")
    page.get_by_role("button", name="Legg til i gruppen").click()
    page.get_by_text(f"{service_worker.full_name} er nå med i ressursgruppen.").wait_for()
    assert_accessible(page)

    # Move the offer to «etablert».
    page.get_by_role("link", name="Rutiner og tilbud").click()
    assert_accessible(page)
    page.get_by_role("link", name="Pårørendegruppe").click()
    page.get_by_label("Ny status").select_option(label="Etablert")
    page.get_by_role("button", name="Lagre status").click()
    page.get_by_text("Statusen er nå «Etablert».").wait_for()
    assert page.locator("#current-status").inner_text() == "Etablert"
    assert_accessible(page)

    # Write and submit the report.
    page.get_by_role("link", name="Framdriftsrapporter").click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Lederrollen")).click()
    page.get_by_label("Hva er gjort siden forrige rapport?").fill("Ressursgruppen er i gang.")
    page.get_by_label("Hva skjer videre?").fill("Starte pårørendegruppen.")
    page.get_by_role("group", name="1. Mål nummer 1").get_by_label("Godt i gang").check()
    assert_accessible(page)
    page.get_by_role("button", name="Send inn rapporten").click()
    page.get_by_text("Rapporten er sendt inn. Takk!").wait_for()
    assert page.get_by_role("button", name="Send inn rapporten").count() == 0
    assert_accessible(page)

    # And the progress charts.
    page.get_by_role("link", name="Framdrift over tid").click()
    assert_accessible(page)

    assert enrolment.resource_group.memberships.filter(participant=service_worker).exists()
    offer.refresh_from_db()
    assert offer.status == "established"
    report = ProgressReport.objects.get(enrolment=enrolment, gathering=gathering)
    assert report.is_submitted
    assert report.assessments.get(goal__number=1).progress == 2


def test_it_shows_the_coordinator_an_accessible_overview(page, log_in, coordinator, leader_world):
    enrolment, _offer, _gathering = leader_world
    log_in(coordinator)
    page.goto(page.base_url + reverse("programme:home"))
    page.get_by_role("link", name="Oversikt", exact=True).click()
    page.get_by_role("heading", name="Oversikt over enhetene").wait_for()
    assert page.get_by_role("link", name="Gjøvik kommune").count() == 1
    assert_accessible(page)
    page.get_by_label("Sorter etter").select_option(label="Ansatte")
    page.get_by_role("button", name="Vis").click()
    assert "sort=staff" in page.url
    assert_accessible(page)
