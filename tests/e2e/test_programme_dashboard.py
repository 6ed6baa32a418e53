"""A coordinator opens the demo programme's figures from the start page by keyboard: the
charts, their tables and the certificate share pass axe-core and the structure checks
at 320 px."""

from .test_axe_crawl import page_problems


def test_the_programme_dashboard_is_accessible(demo_coordinator):
    page = demo_coordinator
    page.get_by_role("link", name="Tall for et program: fyllingsgrad, oppmøte og kursbevis").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/tall/")
    main = page.locator("main").inner_text()
    assert "Tall for programmet" in main
    assert "Kursbevis per enhet" in main
    assert page.locator("svg[role=img] rect").count() > 0
    problems = page_problems(page)
    assert not problems, "\n".join(problems)
