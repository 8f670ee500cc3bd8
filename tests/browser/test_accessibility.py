"""Every participant page and the main staff pages: axe-core, 360 px, nothing from outside."""

import pytest

from tests.browser.conftest import LEAD, demo_ids, login, screenshot, serious_axe_violations

pytestmark = pytest.mark.browser


def _check(page, live_server, name, findings, shot=False):
    """Run the checks on the page that is open; collect what is wrong under `name`."""
    problems = {}
    if violations := serious_axe_violations(page):
        problems["axe"] = violations
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > page.viewport_size["width"]:
        problems["scroll_width"] = width
    outside = [
        u for u in page.requests_made if not u.startswith(live_server) and not u.startswith("data:")
    ]
    if outside:
        problems["outside"] = outside
    if problems:
        findings[name] = problems
    if shot:
        screenshot(page, name)


def test_every_participant_page(phone, live_app, live_server):
    ids = demo_ids(live_app)
    findings = {}
    pages = {
        "start": "/",
        "process": "/p/rosenau/",
        "privacy": "/datenschutz",
        "accessibility": "/barrierefreiheit",
        "imprint": "/impressum",
        "not-found": "/p/rosenau/gibt-es-nicht",
        "board": f"/p/rosenau/ideen/{ids['board']}/",
        "idea": f"/p/rosenau/ideen/idee/{ids['idea']}",
        "idea-form": f"/p/rosenau/ideen/{ids['board']}/neu",
        "report-form": f"/p/rosenau/ideen/melden/idee/{ids['idea']}",
        "access-code": f"/p/rosenau/umfrage/{ids['youth']}/",
        "resume-link": f"/p/rosenau/umfrage/{ids['family']}/fortsetzen/ABCD2345",
    }
    for survey_id in ids["surveys"]:
        pages[f"survey-{survey_id}-start"] = f"/p/rosenau/umfrage/{survey_id}/"
    for name, path in pages.items():
        phone.goto(path)
        _check(phone, live_server, name, findings, shot=name in ("process", "board", "idea"))
    for name in ("process", "board", "idea"):
        phone.goto(pages[name] + ("&" if "?" in pages[name] else "?") + "lang=ar")
        _check(phone, live_server, f"{name}-ar", findings, shot=True)

    # Idea form with errors, then the preview (back in German: ?lang=ar was remembered).
    phone.goto(pages["idea-form"] + "?lang=de")
    phone.get_by_role("button", name="Weiter zur Vorschau").click()
    _check(phone, live_server, "idea-form-errors", findings)
    phone.get_by_label("Titel Ihrer Idee").fill("Mehr Bänke am Mühlbach")
    phone.get_by_label("Beschreibung").fill(
        "Entlang des Mühlbachs fehlen Bänke, auf denen Ältere und Eltern mit Kinderwagen "
        "eine Pause machen können."
    )
    phone.get_by_role("button", name="Weiter zur Vorschau").click(timeout=90_000)
    _check(phone, live_server, "idea-preview", findings, shot=True)

    # Every page of the family survey (open to all), its errors, saving, review.
    family = f"/p/rosenau/umfrage/{ids['family']}"
    phone.goto(family + "/")
    phone.get_by_role("button", name="Umfrage beginnen").click()
    _check(phone, live_server, "survey-page-1", findings, shot=True)
    phone.get_by_role("button", name="Weiter", exact=True).click()
    if phone.locator(".error-summary").count():
        _check(phone, live_server, "survey-page-errors", findings, shot=True)
    for number, section_id in enumerate(ids["family_sections"], start=1):
        phone.goto(f"{family}/seite/{section_id}")
        _check(phone, live_server, f"survey-section-{number}", findings)
    phone.get_by_role("button", name="Speichern und später weitermachen").click()
    _check(phone, live_server, "survey-saved", findings, shot=True)
    phone.goto(f"{family}/pruefen")
    _check(phone, live_server, "survey-review", findings)
    phone.goto(f"{family}/danke")
    _check(phone, live_server, "survey-thanks", findings)
    assert findings == {}


def test_staff_pages(phone, live_app, live_server):
    ids = demo_ids(live_app)
    login(phone, LEAD)
    findings = {}
    staff = "/staff/p/rosenau"
    pages = {
        "staff-home": "/staff/",
        "staff-dashboard": f"{staff}/",
        "staff-settings": f"{staff}/settings",
        "staff-surveys": f"{staff}/surveys/",
        "staff-survey-editor": f"{staff}/surveys/{ids['youth']}/",
        "staff-survey-translations": f"{staff}/surveys/{ids['youth']}/translations/tr",
        "staff-survey-results": f"{staff}/surveys/{ids['family']}/results",
        "staff-survey-codes": f"{staff}/surveys/{ids['youth']}/codes",
        "staff-idea-boards": f"{staff}/ideen/",
        "staff-idea-board": f"{staff}/ideen/{ids['board']}/",
        "staff-idea-queue": f"{staff}/ideen/moderation",
        "staff-idea": f"{staff}/ideen/idee/{ids['idea']}",
        "staff-board-form": f"{staff}/ideen/{ids['board']}/bearbeiten",
    }
    for name, path in pages.items():
        response = phone.goto(path)
        assert response.status == 200, path
        _check(phone, live_server, name, findings)
    phone.context.clear_cookies()
    phone.goto("/staff/login")
    _check(phone, live_server, "staff-login", findings)
    assert findings == {}
