"""Attendance at the door on a narrow touch screen: the filter box narrows the names,
«Alle møtt» marks everyone, one exception is corrected, and the history shows both;
axe-core and the structure checks find nothing, and every control is at least 44 px."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from tests import factories

from .test_axe_crawl import NARROW, page_problems


def test_attendance_at_the_door(page, transactional_db):
    coordinator = factories.CoordinatorFactory(full_name="Kari Koordinator")
    day = factories.SessionFactory(starts_at=timezone.now() - dt.timedelta(hours=1))
    day.registration_deadline = day.starts_at - dt.timedelta(days=1)
    day.save()
    for name in ("Åse Zahl", "Per Berg", "Lise Lund"):
        factories.RegistrationFactory(
            session=day, participant=factories.ParticipantFactory(full_name=name)
        )
    page.set_viewport_size(NARROW)
    page.goto(page.base_url + reverse("account_login"))
    page.locator("#id_login").fill(coordinator.user.email)
    page.locator("#id_password").fill(factories.PASSWORD)
    page.locator("#id_password").press("Enter")
    page.goto(page.base_url + reverse("coordination:attendance", args=[day.pk]))
    problems = page_problems(page)

    page.get_by_label("Finn et navn").fill("lund")
    assert page.locator(".attendance-row:visible").count() == 1
    assert "Navn som vises: 1" in page.locator("#attendance-filter-status").inner_text()
    page.get_by_label("Finn et navn").fill("")
    for control in page.locator("form .touch-target").all():
        box = control.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44

    page.get_by_role("button", name="Alle møtt").click()
    assert "Oppmøte er lagret for 3 personer." in page.locator("main").inner_text()
    page.locator("fieldset", has_text="Per Berg").get_by_text("Ikke møtt").click()
    page.get_by_role("button", name="Lagre oppmøte").click()
    history = page.locator("#history-heading + div").inner_text()
    assert "Møtt → Ikke møtt" in history and history.count("Ukjent → Møtt") == 3
    problems += page_problems(page)
    assert not problems, "\n".join(problems)
