"""The browser fixtures themselves: axe really finds violations, CSP really holds."""

import pytest
from django.urls import reverse

from .conftest import assert_accessible, axe_violations


def test_it_serves_the_front_page_in_norwegian_without_axe_violations(page, db):
    page.goto(page.base_url + reverse("programme:home"))
    assert page.locator("html").get_attribute("lang") == "nb"
    assert_accessible(page)


def test_it_finds_a_violation_in_a_page_with_an_unlabelled_field(page, db):
    page.goto(page.base_url + reverse("programme:home"))
    page.evaluate(
        "() => { const i = document.createElement('input'); i.type = 'text';"
        " document.querySelector('main').appendChild(i); }"
    )
    assert "label" in {violation["id"] for violation in axe_violations(page)}
    with pytest.raises(AssertionError, match="label"):
        assert_accessible(page)


def test_it_blocks_inline_script_under_the_content_security_policy(page, db):
    page.goto(page.base_url + reverse("programme:home"))
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.inlineRan = true'; document.body.appendChild(s); }"
    )
    assert page.evaluate("() => window.inlineRan === undefined")
    assert any("script-src" in text for text in page.csp_violations)
    page.csp_violations.clear()  # seen and expected; any other violation still fails
