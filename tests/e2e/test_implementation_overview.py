"""A coordinator opens every unit's implementation side by side on the demo programme:
the chart, its table and the unit table pass axe-core and the structure checks at 320 px,
and the page is reached from the start page by keyboard."""

from django.urls import reverse

from .test_axe_crawl import page_problems


def test_the_implementation_overview_is_accessible(demo_coordinator):
    page = demo_coordinator
    page.get_by_role("link", name="Se implementeringen i hver enhet").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(page.base_url + reverse("coordination:implementation"))
    main = page.locator("main").inner_text()
    assert "Implementering i hver enhet" in main
    assert "Enheter per fase ved slutten av hver måned" in main
    assert page.locator("svg[role=img] rect").count() > 0
    problems = page_problems(page)
    assert not problems, "\n".join(problems)
