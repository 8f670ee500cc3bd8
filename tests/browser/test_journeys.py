"""End-to-end journeys in headless Chromium: pupils, parents, citizens, moderators, the lead."""

import csv
import io
import re

import pytest
from sqlalchemy import select

from participation.extensions import db
from tests.browser.conftest import (
    LEAD,
    MODERATOR,
    PHONE,
    demo_ids,
    login,
    screenshot,
    unspent_code,
)

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {tag: el.tagName, type: el.type || "", id: el.id, text: el.textContent.trim(),
          inForm: !!el.closest("main form"), outline: style.outlineStyle};
}"""


def _no_js_context(browser, live_server, **options):
    options.setdefault("locale", "de-DE")  # Chromium would ask for English otherwise
    return browser.new_context(
        viewport=PHONE, java_script_enabled=False, base_url=live_server, **options
    )


def _tab_to_the_end_of_the_form(page, answers: dict, stop: tuple[str, ...], limit=120):
    """Walk the page with Tab only: Space selects each radio group's first choice, text goes
    into fields named in `answers`; Enter on the first button whose text is in `stop`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        el = page.evaluate(FOCUSED)
        assert el["outline"] != "none", el  # visible focus on everything that takes it
        if not el["inForm"]:
            continue
        if el["tag"] == "BUTTON" and el["text"] in stop:
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return
        if el["type"] == "radio":
            page.keyboard.press("Space")
        elif el["id"] in answers:
            page.keyboard.type(answers[el["id"]])
    raise AssertionError("no button reached with the keyboard")


def test_pupil_completes_youth_survey_on_a_phone_with_keyboard_only(phone, live_app):
    ids = demo_ids(live_app)
    code = unspent_code(live_app, ids["youth"])
    age_question = _question_id(live_app, ids["youth"], "Wie alt bist du?")
    phone.goto(f"/p/rosenau/umfrage/{ids['youth']}/")
    screenshot(phone, "youth-start-de")
    _tab_to_the_end_of_the_form(phone, {"code": code}, ("Umfrage beginnen",))
    for _page in range(len(ids["youth_sections"])):
        assert "/seite/" in phone.url, phone.url
        screenshot(phone, f"youth-page-{_page + 1}")
        _tab_to_the_end_of_the_form(
            phone, {f"q{age_question}": "14"}, ("Weiter", "Weiter zur Übersicht")
        )
    assert phone.url.endswith("/pruefen")
    _tab_to_the_end_of_the_form(phone, {}, ("Antworten absenden",))
    assert phone.url.endswith("/danke")
    screenshot(phone, "youth-thanks")
    from participation.surveys.models import SurveyAccessCode

    with live_app.app_context():
        spent = db.session.scalar(
            select(SurveyAccessCode.spent_at).where(SurveyAccessCode.code == code)
        )
        db.session.remove()
    assert spent is not None


def _question_id(live_app, survey_id, text):
    from participation.surveys.models import SurveyQuestion

    with live_app.app_context():
        question_id = db.session.scalar(
            select(SurveyQuestion.id).where(
                SurveyQuestion.survey_id == survey_id, SurveyQuestion.text == text
            )
        )
        db.session.remove()
    return question_id


def test_errors_are_announced_and_focused(phone, live_app):
    ids = demo_ids(live_app)
    phone.goto(f"/p/rosenau/umfrage/{ids['youth']}/")
    phone.get_by_role("button", name="Umfrage beginnen").click()
    assert phone.locator("#code").get_attribute("aria-invalid") == "true"
    summary = phone.locator("[role=alert]")
    assert summary.count() == 1
    assert phone.evaluate("document.activeElement.getAttribute('role')") == "alert"
    describedby = phone.locator("#code").get_attribute("aria-describedby")
    assert "code-error" in describedby


def test_parent_saves_and_resumes_without_javascript(browser, live_server, live_app):
    ids = demo_ids(live_app)
    start = f"/p/rosenau/umfrage/{ids['family']}/"
    first = _no_js_context(browser, live_server)
    page = first.new_page()
    page.goto(start)
    page.get_by_role("button", name="Umfrage beginnen").click()
    page.locator("main form input[type=radio]").first.check()
    page.get_by_role("button", name="Speichern und später weitermachen").click()
    code = page.locator(".resume-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code), code
    screenshot(page, "survey-saved")
    first.close()

    other_device = _no_js_context(browser, live_server)
    page = other_device.new_page()
    page.goto(start)
    page.get_by_text("Mit einem Code später weitermachen").click()
    page.get_by_label("Ihr Code zum Weitermachen").fill(code.lower())
    page.get_by_role("button", name="Weitermachen").click()
    assert "Willkommen zurück" in page.content()
    assert "/seite/" in page.url
    assert page.locator("main form input[type=radio]:checked").count() >= 1
    other_device.close()


def test_citizen_posts_an_idea_in_turkish_and_another_supports_it(browser, live_server, live_app):
    ids = demo_ids(live_app)
    writer = _no_js_context(browser, live_server)
    page = writer.new_page()
    page.goto("/p/rosenau/")
    page.get_by_role("link", name="Türkçe").click()
    assert page.locator("html").get_attribute("lang") == "tr"
    page.get_by_role("link", name="Aile dostu Rosenau için fikir borsası").click()
    assert "Aile dostu Rosenau" in page.locator("h1").inner_text()
    page.goto(f"/p/rosenau/ideen/{ids['board']}/neu")
    page.locator("#title").fill("Nordstadt'ta Türkçe veli kahvaltısı")
    page.locator("#text").fill(
        "Okul başlamadan önce ayda bir kez veliler için kahvaltı olsun; orada Kita ve okul "
        "hakkında Türkçe bilgi verilsin."
    )
    page.locator("button[name=step][value=preview]").click(timeout=90_000)
    screenshot(page, "idea-preview-tr")
    assert "Nordstadt'ta Türkçe veli kahvaltısı" in page.content()
    page.locator("button[name=step][value=publish]").click()
    page.wait_for_load_state()
    assert "/ideen/idee/" in page.url, page.url
    idea_url = page.url
    assert page.locator("h1").inner_text() == "Nordstadt'ta Türkçe veli kahvaltısı"
    writer.close()

    supporter = _no_js_context(browser, live_server)
    page = supporter.new_page()
    page.goto(idea_url)
    assert "0 Unterstützungen" in page.content()
    page.locator("form[action$='/unterstuetzen'] button").click()
    assert "1 Unterstützung" in page.content()
    supporter.close()


def test_arabic_survey_and_board_render_right_to_left(phone, live_app):
    ids = demo_ids(live_app)
    for name, path in (
        ("youth-start-ar", f"/p/rosenau/umfrage/{ids['youth']}/?lang=ar"),
        ("board-ar", f"/p/rosenau/ideen/{ids['board']}/?lang=ar"),
    ):
        phone.goto(path)
        assert phone.locator("html").get_attribute("dir") == "rtl"
        assert phone.evaluate("getComputedStyle(document.body).direction") == "rtl"
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        screenshot(phone, name)
    assert "روزناو" in phone.locator("h1").inner_text()


def test_moderator_hides_a_post(phone, live_app):
    ids = demo_ids(live_app)
    login(phone, MODERATOR)
    phone.goto(f"/staff/p/rosenau/ideen/idee/{ids['idea']}")
    phone.get_by_label("Grund fürs Ausblenden").first.fill("Enthält persönliche Daten.")
    phone.get_by_role("button", name="Ausblenden").first.click()
    phone.wait_for_load_state()
    phone.context.clear_cookies()
    phone.goto(f"/p/rosenau/ideen/idee/{ids['idea']}")
    assert "Enthält persönliche Daten." in phone.content()


def test_lead_downloads_a_csv_export(phone, live_app):
    ids = demo_ids(live_app)
    login(phone, LEAD)
    phone.goto(f"/staff/p/rosenau/surveys/{ids['family']}/results")
    with phone.expect_download() as info:
        phone.get_by_role("link", name="Export CSV (Excel)").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), "rb") as file:
        data = file.read()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) > 10
    assert len(rows[0]) > 3
