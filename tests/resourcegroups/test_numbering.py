"""«Ledersamling 3 av 3»: the total counts every session of the kind, cancelled ones too,
while the pages list only the sessions that take place."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories


@pytest.fixture
def cancelled_second(world):
    """Gathering 2 of 3 and training day 2 of 3 are cancelled."""
    start = timezone.now() + dt.timedelta(days=40)
    factories.LeaderGatheringFactory(
        programme=world.programme,
        number=2,
        starts_at=start + dt.timedelta(days=30),
        is_cancelled=True,
    )
    factories.LeaderGatheringFactory(
        programme=world.programme, number=3, starts_at=start + dt.timedelta(days=60)
    )
    world.training_days[1].is_cancelled = True
    world.training_days[1].save(update_fields=["is_cancelled"])
    factories.SessionFactory(
        programme=world.programme, number=3, starts_at=start + dt.timedelta(days=90)
    )
    return world


def enrolment_url(name, world):
    return reverse(f"resourcegroups:{name}", kwargs={"enrolment": world.own.enrolment.pk})


def test_the_overview_counts_cancelled_gatherings_in_the_total(
    login, coordinator, cancelled_second
):
    response = login(coordinator).get(reverse("coordination:organisations"))
    titles = [g.numbered_title for g in response.context["overview"].gatherings]
    assert titles == ["Ledersamling 1 av 3", "Ledersamling 3 av 3"]
    assert "Ledersamling 3 av 3" in response.content.decode()


def test_the_report_list_counts_cancelled_gatherings_in_the_total(login, leader, cancelled_second):
    content = login(leader).get(enrolment_url("reports", cancelled_second)).content.decode()
    assert "Ledersamling 3 av 3" in content
    assert "Ledersamling 2 av" not in content


def test_the_progress_page_counts_cancelled_training_days_in_the_total(
    login, leader, cancelled_second
):
    response = login(leader).get(enrolment_url("progress", cancelled_second))
    titles = [total.session.numbered_title for total in response.context["totals"]]
    assert titles == ["Opplæringsdag 1 av 3", "Opplæringsdag 3 av 3"]
