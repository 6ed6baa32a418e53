"""The demo supervisor opens their supervision group from «Min side» and takes attendance at
its first meeting, by keyboard only, with axe-core clean on every page. At 320 CSS pixels,
as the crawl (which meets no started meeting in the demo) checks: nothing scrolls sideways."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from participants.models import Participant, Registration
from resourcegroups.models import SupervisionGroup

from .conftest import assert_accessible
from .test_axe_crawl import NARROW
from .test_coordinator import press_button, press_link

FITS = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


@pytest.fixture
def group(transactional_db, settings):
    """The demo group, its first meeting moved to an hour ago (the demo's lie ahead) with
    the demo service worker confirmed for it."""
    settings.DEMO_MODE = True
    call_command("load_demo", verbosity=0)
    group = SupervisionGroup.objects.get(supervisor__user__email="veileder@example.no")
    first, *_later = group.meetings.order_by("starts_at")
    length = first.ends_at - first.starts_at
    first.starts_at = timezone.now() - dt.timedelta(hours=1)
    first.ends_at = first.starts_at + length
    first.registration_deadline = first.starts_at - dt.timedelta(days=7)
    first.save()
    Registration.objects.create(
        participant=Participant.objects.get(user__email="tjenesteutover@example.no"),
        session=first,
        status=Registration.Status.CONFIRMED,
        confirmed_at=timezone.now() - dt.timedelta(days=8),
    )
    return group


def test_it_lets_the_supervisor_take_attendance_by_keyboard(page, log_in, group):
    log_in(group.supervisor)
    page.set_viewport_size(NARROW)
    page.goto(page.base_url + "/min-side/")
    press_link(page, re.compile(group.name))
    page.wait_for_url(f"**{group.get_absolute_url()}")
    # The later meeting has not started: the note instead of the link.
    expect(page.get_by_text("Oppmøte kan registreres når samlingen har startet.")).to_be_visible()
    assert_accessible(page)
    assert page.evaluate(FITS)  # the meetings' table scrolls in its own region

    press_link(page, "Registrer oppmøte")
    page.wait_for_url("**/oppmote/")
    assert_accessible(page)
    assert page.evaluate(FITS)
    worker = page.get_by_role("group", name="Tor Tjenesteutøver")
    # Arrow keys move within a radio group: «Ikke registrert», «Ikke møtt», then «Møtt».
    worker.get_by_label("Ikke registrert").focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(worker.get_by_label("Møtt", exact=True)).to_be_checked()
    press_button(page, "Lagre oppmøte")
    page.wait_for_url(f"**{group.get_absolute_url()}")
    expect(page.get_by_text("Oppmøte er lagret for 1 person.")).to_be_visible()
    assert_accessible(page)

    registration = Registration.objects.get(session__supervision_groups=group)
    assert registration.attended is True
    assert registration.events.get().actor == group.supervisor.user
