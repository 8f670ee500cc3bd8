"""The shared participant pages in a real browser: accessible, light, right-to-left, no JS needed."""

import pytest

from tests.browser.conftest import screenshot, serious_axe_violations

pytestmark = pytest.mark.browser

CORE_PAGES = ["/", "/p/rosenau/", "/datenschutz", "/barrierefreiheit", "/staff/login"]


@pytest.mark.parametrize("path", CORE_PAGES)
def test_core_pages_have_no_serious_axe_findings(phone, path):
    phone.goto(path)
    assert serious_axe_violations(phone) == []


@pytest.mark.parametrize("path", CORE_PAGES)
def test_core_pages_request_nothing_outside_the_site(phone, live_server, path):
    phone.goto(path)
    outside = [
        url
        for url in phone.requests_made
        if not url.startswith(live_server) and not url.startswith("data:")
    ]
    assert outside == []


def test_phone_layout_has_no_horizontal_scrolling(phone):
    phone.goto("/p/rosenau/")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    screenshot(phone, "process-home-de")


def test_arabic_page_renders_right_to_left(phone):
    phone.goto("/p/rosenau/?lang=ar")
    assert phone.evaluate("getComputedStyle(document.body).direction") == "rtl"
    screenshot(phone, "process-home-ar")


def test_language_choice_is_remembered_without_javascript(browser, live_server):
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, java_script_enabled=False, base_url=live_server
    )
    page = context.new_page()
    page.goto("/")
    page.get_by_role("link", name="English").click()
    page.goto("/datenschutz")
    assert page.locator("html").get_attribute("lang") == "en"
    context.close()


def test_skip_link_and_visible_focus(phone):
    phone.goto("/")
    phone.keyboard.press("Tab")
    focused = phone.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Zum Inhalt springen"
    outline = phone.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
