"""A coordinator opens every unit's implementation side by side on the demo programme:
the chart, its table and the unit table pass axe-core and the structure checks at 320 px,
and the page is reached from the start page by keyboard."""

from django.core.management import call_command
from django.urls import reverse

from demo.data import DEMO_PASSWORD, DEMO_USERS

from .test_axe_crawl import NARROW, page_problems


def test_the_implementation_overview_is_accessible(page, transactional_db, settings):
    settings.DEMO_MODE = True
    call_command("load_demo", verbosity=0)
    email = next(email for email, _, role, *_ in DEMO_USERS if role == "coordinator")
    page.set_viewport_size(NARROW)
    page.goto(page.base_url + reverse("account_login"))
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(page.base_url + reverse("coordination:start"))
    page.get_by_role("link", name="Se implementeringen i hver enhet").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + reverse("coordination:implementation"))
    main = page.locator("main").inner_text()
    assert "Implementering i hver enhet" in main
    assert "Enheter per fase ved slutten av hver måned" in main
    assert page.locator("svg[role=img] rect").count() > 0
    problems = page_problems(page)
    assert not problems, "\n".join(problems)
