"""A coordinator opens the demo programme's figures from the start page by keyboard: the
charts, their tables and the certificate share pass axe-core and the structure checks
at 320 px."""

from django.core.management import call_command
from django.urls import reverse

from demo.data import DEMO_PASSWORD, DEMO_USERS

from .test_axe_crawl import NARROW, page_problems


def test_the_programme_dashboard_is_accessible(page, transactional_db, settings):
    settings.DEMO_MODE = True
    call_command("load_demo", verbosity=0)
    email = next(email for email, _, role, *_ in DEMO_USERS if role == "coordinator")
    page.set_viewport_size(NARROW)
    page.goto(page.base_url + reverse("account_login"))
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(page.base_url + reverse("coordination:start"))
    page.get_by_role("link", name="Tall for et program: fyllingsgrad, oppmøte og kursbevis").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/tall/")
    main = page.locator("main").inner_text()
    assert "Tall for programmet" in main
    assert "Kursbevis per enhet" in main
    assert page.locator("svg[role=img] rect").count() > 0
    problems = page_problems(page)
    assert not problems, "\n".join(problems)
