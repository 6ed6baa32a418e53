"""A coordinator signs in, lands on the start page, and confirms a waiting leader by
keyboard alone; every page on the way passes axe-core and the structure checks at 320 px."""

from django.urls import reverse

from tests import factories

from .test_axe_crawl import NARROW, page_problems


def test_a_coordinator_confirms_a_waiting_leader_by_keyboard(page, transactional_db):
    coordinator = factories.CoordinatorFactory(full_name="Kari Koordinator")
    waiting = factories.LeaderFactory(leader_confirmed=False, full_name="Vera Venter")
    page.set_viewport_size(NARROW)
    page.goto(page.base_url + reverse("account_login"))
    page.locator("#id_login").fill(coordinator.user.email)
    page.locator("#id_password").fill(factories.PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(page.base_url + reverse("coordination:start"))
    assert "Vera Venter" in page.locator("main").inner_text()
    problems = page_problems(page)

    page.get_by_role("link", name="Bekreft eller avslå ledere").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + reverse("coordination:leaders"))
    problems += page_problems(page)

    page.get_by_role("link", name="Avslå Vera Venter").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + reverse("coordination:turn_down_leader", args=[waiting.pk]))
    problems += page_problems(page)

    page.goto(page.base_url + reverse("coordination:leaders"))
    page.get_by_role("link", name="Bekreft Vera Venter").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + reverse("coordination:confirm_leader", args=[waiting.pk]))
    problems += page_problems(page)
    page.get_by_role("button", name="Ja, bekreft som leder").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + reverse("coordination:leaders"))
    assert "Vera Venter er bekreftet som leder" in page.locator("main").inner_text()
    problems += page_problems(page)

    waiting.refresh_from_db()
    assert waiting.is_confirmed_leader
    assert not problems, "\n".join(problems)
