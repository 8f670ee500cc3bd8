"""A live server on a migrated demo database, and headless Chromium driven by Playwright."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from participation import create_app
from participation.cli import upgrade_database
from participation.extensions import db

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 360, "height": 640}


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """The real app (CSRF and security headers on) with the demo data, on its own SQLite file."""
    folder = tmp_path_factory.mktemp("live")
    app = create_app(
        {
            "SECRET_KEY": "browser-test-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'live.db'}",
            "INSTANCE_PATH": str(folder),
            "RATELIMIT_ENABLED": False,
            "IDEAS_MIN_FILL_SECONDS": 0,
            "WORKSHOP_DEMO_ANALYSIS": False,
        }
    )
    with app.app_context():
        upgrade_database()
        from participation.demo import load_demo

        load_demo()
        db.session.remove()
    # The app warms the NLP analyzers up in the background at start (NLP_WARM_UP).
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (scripts/system-deps.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, live_server):
    """A fresh phone-sized page (360×640) that records every request it makes."""
    context = browser.new_context(viewport=PHONE, locale="de-DE", base_url=live_server)
    page = context.new_page()
    page.requests_made = []
    page.on("request", lambda request: page.requests_made.append(request.url))
    yield page
    context.close()


DEMO_PASSWORD = "rosenau-demo-2026"
LEAD = "projektleitung@rosenau.example"
MODERATOR = "moderation@rosenau.example"


def login(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log a staff member in through the login form."""
    page.goto("/staff/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()


def demo_ids(live_app) -> dict:
    """Ids of demo objects the tests visit (read from the live app's database)."""
    from sqlalchemy import select

    from participation.ideas.models import Board, Idea, IdeaComment, PostState
    from participation.processes.models import Process
    from participation.surveys.models import AccessMode, Survey

    with live_app.app_context():
        process = db.session.scalar(select(Process).where(Process.slug == "rosenau"))
        surveys = db.session.scalars(
            select(Survey).where(Survey.process_id == process.id).order_by(Survey.id)
        ).all()
        youth = next(s for s in surveys if s.access_mode is AccessMode.CODES)
        family = next(s for s in surveys if s.access_mode is AccessMode.OPEN)
        board = db.session.scalar(select(Board).where(Board.process_id == process.id))
        commented = db.session.scalar(
            select(IdeaComment.idea_id)
            .join(Idea, Idea.id == IdeaComment.idea_id)
            .where(Idea.board_id == board.id, Idea.state == PostState.PUBLISHED)
            .limit(1)
        )
        ids = {
            "youth": youth.id,
            "youth_sections": [s.id for s in youth.sections],
            "family": family.id,
            "family_sections": [s.id for s in family.sections],
            "surveys": [s.id for s in surveys],
            "board": board.id,
            "idea": commented,
        }
        db.session.remove()
    return ids


def unspent_code(live_app, survey_id: int) -> str:
    """An access code of the survey that nobody has used yet."""
    from sqlalchemy import select

    from participation.surveys.models import SurveyAccessCode, SurveyDraft

    with live_app.app_context():
        taken = select(SurveyDraft.access_code_id).where(SurveyDraft.access_code_id.is_not(None))
        code = db.session.scalar(
            select(SurveyAccessCode.code)
            .where(
                SurveyAccessCode.survey_id == survey_id,
                SurveyAccessCode.spent_at.is_(None),
                SurveyAccessCode.id.not_in(taken),
            )
            .order_by(SurveyAccessCode.id.desc())
            .limit(1)
        )
        db.session.remove()
    return code


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def serious_axe_violations(page) -> list[dict]:
    """Run axe-core in the page; return serious and critical violations (WCAG 2.1 A/AA)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
            }
        },
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
