"""The demo conference's page with its programme of talks, in headless Chromium: no axe
violation at all (not only no serious one), for a visitor and for a guest who registers."""

import pytest
from django.core.management import call_command

from participants.models import Participant, Registration
from programme.models import Session
from programme.talks import Speaker

from .conftest import axe_violations


@pytest.fixture
def conference(transactional_db):
    call_command("load_demo", verbosity=0)
    # A speaker with a photo, so axe checks the image's text too.
    Speaker.objects.filter(name="Hilde Hem").update(
        photo="speakers/hilde-hem.jpg", photo_alt="Hilde Hem, portrett"
    )
    return Session.objects.get(kind=Session.Kind.EVENT)


def assert_no_violations(page) -> None:
    violations = axe_violations(page)
    assert not violations, "\n".join(
        f"{v['impact']}: {v['id']} – {v['help']} ({[n['target'] for n in v['nodes'][:3]]})"
        for v in violations
    )


def test_the_event_page_shows_its_programme_by_day_without_violations(page, conference):
    page.goto(page.base_url + conference.get_absolute_url())
    programme = page.get_by_role("region", name="Program")
    days = programme.get_by_role("heading", level=3).all_inner_texts()
    assert len(days) == 2 and days[0].startswith("Mandag") and days[1].startswith("Tirsdag")
    assert programme.get_by_text("Vi lever sammenvevde liv: essensen fra Toppmøtet 2017").count()
    speakers = page.get_by_role("region", name="Foredragsholdere")
    assert speakers.get_by_role("img", name="Hilde Hem, portrett").count() == 1
    assert_no_violations(page)


def test_a_guest_registers_for_the_conference_on_its_page(page, log_in, conference):
    guest = Participant.objects.get(user__email="gjest@example.no")
    Registration.objects.filter(participant=guest).delete()
    log_in(guest)
    page.goto(page.base_url + conference.get_absolute_url())
    assert_no_violations(page)
    page.get_by_role("button", name="Meld meg på", exact=True).click()
    page.wait_for_url(page.base_url + conference.get_absolute_url())
    assert Registration.objects.get(participant=guest).session == conference
    assert_no_violations(page)
