"""The programme a page is about is explicit: with two published cohorts (a copy
published for another region), «Min side», «Mine ansatte» and the leader's staff form
follow the person's own programme and the one chosen in the page, never simply the
newest; an unpublished copy is never the default of a coordinator's overview."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from participants.selectors import programme_for, programmes_of
from programme.models import Programme
from tests import factories


@pytest.fixture
def cohorts(programme, organisation):
    """`programme` is the unit's own; a newer cohort for another region, published,
    ends later (the front page's current programme); a draft copy newer still."""
    today = timezone.localdate()
    programme.ends_on = today + dt.timedelta(days=100)
    programme.save(update_fields=["ends_on"])
    factories.EnrolmentFactory(programme=programme, organisation=organisation)
    other = factories.ProgrammeFactory(
        name="Familiestøtte Hedmark", slug="hedmark", ends_on=today + dt.timedelta(days=400)
    )
    draft = factories.ProgrammeFactory(
        name="Kopi (utkast)",
        slug="utkast",
        is_published=False,
        starts_on=today + dt.timedelta(days=200),
        ends_on=today + dt.timedelta(days=500),
    )
    for cohort in (programme, other):
        for n in (1, 2):
            factories.SessionFactory(programme=cohort, number=n)
    return programme, other, draft


def test_the_persons_own_programme_comes_before_the_newest(service_worker, cohorts):
    own, other, _draft = cohorts
    assert Programme.objects.current() == other
    assert programmes_of(service_worker) == [own]
    assert programme_for(service_worker) == own
    assert programme_for(service_worker, "hedmark") == own  # not theirs: not chosen
    factories.EnrolmentFactory(programme=other, organisation=service_worker.organisation)
    assert programme_for(service_worker) == other  # both theirs: the one ending last
    assert programme_for(service_worker, own.slug) == own  # or the one chosen


def test_min_side_counts_the_days_of_the_persons_own_programme(login, service_worker, cohorts):
    own, other, _draft = cohorts
    page = login(service_worker).get(reverse("mypage:dashboard")).content.decode()
    assert own.name in page and other.name not in page


def test_the_leaders_staff_pages_follow_their_own_programme(login, leader, cohorts):
    own, other, _draft = cohorts
    client = login(leader)
    page = client.get(reverse("registrations:staff")).content.decode()
    assert f"– {own.name}" in page and other.name not in page
    factories.EnrolmentFactory(programme=other, organisation=leader.organisation)
    chooser = client.get(reverse("registrations:staff")).content.decode()
    assert 'name="programme"' in chooser
    chosen = client.get(reverse("registrations:staff"), {"programme": own.slug}).content.decode()
    assert f"– {own.name}" in chosen


def test_an_unpublished_copy_is_never_an_overviews_default(coordinator_client, cohorts):
    own, other, draft = cohorts
    for name in ("organisations", "implementation", "supervision_groups"):
        response = coordinator_client.get(reverse(f"coordination:{name}"))
        assert response.context["programme"] != draft, name
    response = coordinator_client.get(reverse("coordination:dashboard_home"))
    assert draft.slug not in response["Location"]
    chosen = coordinator_client.get(reverse("coordination:organisations"), {"programme": "utkast"})
    assert chosen.context["programme"] == draft  # chosen in the page, it is shown
