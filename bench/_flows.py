"""Participant page flows shared by the benchmarks (never part of the tests).

A light browser (http.client, keep-alive, cookies by hand), the set-up of a process with a
20-question survey on 4 pages and an idea board, and the real page sequences a phone without
JavaScript goes through: survey pages with CSRF tokens and a server-side draft, review page,
submit with the one-time submission token; idea form with CSRF and one-time form token,
preview, publish; comment on an idea.
"""

from __future__ import annotations

import contextlib
import http.client
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HOST = "127.0.0.1"
CSRF = re.compile(r'name="csrf_token"[^>]*? value="([^"]+)"')
SUBMISSION = re.compile(r'name="submission_token" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="form_token"[^>]*? value="([^"]+)"')
SUGGESTED = re.compile(r'name="suggested" value="(\d+)"')
# A unique marker per submission, e.g. [M-1a2b-c17-n3], written into its free texts.
MARKER = re.compile(r"\[(M-[0-9a-z]+-c\d+-n\d+)\]")

TEXTS = [
    "Längere Öffnungszeiten der Kita wären eine große Hilfe für uns.",
    "Mehr sichere Radwege zur Schule, besonders an der Hauptstraße.",
    "Ein Treffpunkt für Jugendliche, der auch abends geöffnet hat.",
    "Bezahlbare Wohnungen für Familien mit drei Kindern fehlen.",
    "Die Beratung für Alleinerziehende sollte auch nachmittags erreichbar sein.",
]
IDEA_TITLES = [
    "Mehr Bänke und Schatten am Spielplatz",
    "Sicherer Schulweg über die Hauptstraße",
    "Jugendtreff auch am Wochenende öffnen",
    "Ferienbetreuung für Grundschulkinder ausbauen",
    "Familiencafé im Bürgerhaus",
]


class FlowError(RuntimeError):
    """A page of a flow answered unexpectedly (status or missing form field)."""


# --- set-up --------------------------------------------------------------------------------------


def make_app(url: str):
    from participation import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "CHECK_DATABASE_ON_START": False,
            "INSTANCE_PATH": tempfile.mkdtemp(prefix="bench-instance-"),
        }
    )


def new_process(name: str, municipality: str, slug: str):
    from participation.processes.models import AuditType, Municipality
    from participation.processes.operations import create_process

    return create_process(
        Municipality(name=municipality),
        name,
        AuditType.FAMILY_MUNICIPALITY,
        districts=["Altstadt", "Nordstadt", "Mühlbach", "Oberdorf", "Am Weinberg"],
        slug=slug,
    )


def build_survey(process) -> dict:
    """Create and open a 20-question survey on 4 pages; return what the clients need."""
    from participation.surveys import operations
    from participation.surveys.models import QuestionType as T
    from participation.surveys.models import SurveyState

    survey = operations.create_survey(process, "Familienbefragung", first_section="Seite 1")
    pages = [
        [
            (T.SINGLE_CHOICE, ["Paar mit Kindern", "alleinerziehend", "Patchwork", "Großeltern"]),
            (T.MULTIPLE_CHOICE, ["unter 3", "3 bis 6", "Grundschule", "10 bis 14", "15 bis 17"]),
            (T.YES_NO, None),
            (T.NUMBER, None),
            (T.SINGLE_CHOICE, ["Altstadt", "Nordstadt", "Mühlbach", "Oberdorf", "Weinberg"]),
        ],
        [
            (T.SCALE, None),
            (T.MATRIX, ["Spielplätze", "Schulen", "Beratung", "Radwege"]),
            (T.SINGLE_CHOICE, ["Kita", "Tagespflege", "zu Hause", "Hort"]),
            (T.MULTIPLE_CHOICE, ["Krippe", "Ferien", "Randzeiten", "Notfall", "OGS"]),
            (T.SHORT_TEXT, None),
        ],
        [
            (T.MATRIX, ["Busse", "Wohnungen", "Freizeit", "Sauberkeit"]),
            (T.YES_NO, None),
            (T.NUMBER, None),
            (T.LONG_TEXT, None),
            (T.SINGLE_CHOICE, ["Zeitung", "Kita", "Homepage", "Freunde"]),
        ],
        [
            (T.MULTIPLE_CHOICE, ["Bänke", "Schatten", "Toiletten", "Licht", "Wlan"]),
            (T.SCALE, None),
            (T.SHORT_TEXT, None),
            (T.LONG_TEXT, None),
            (T.YES_NO, None),
        ],
    ]
    layout = []
    for index, questions in enumerate(pages):
        section = (
            survey.sections[0]
            if index == 0
            else operations.add_section(survey, f"Seite {index + 1}")
        )
        page = []
        for number, (kind, options) in enumerate(questions, start=1):
            text = f"Frage {index * 5 + number}"
            question = operations.add_question(section, kind, text, required=number <= 2)
            operations.update_question(
                question,
                text=text,
                required=number <= 2,
                options=options,
                number_min=0 if kind is T.NUMBER else None,
                number_max=20 if kind is T.NUMBER else None,
            )
            page.append((kind, question.id, [o.id for o in question.options]))
        layout.append((section.id, page))
    survey.state = SurveyState.OPEN
    return {"survey_id": survey.id, "slug": process.slug, "layout": layout}


def build_board(process, title: str, ideas: int = 0) -> tuple[int, list[int]]:
    """Create an open idea board (post-moderation) with `ideas` ideas; return its id and theirs."""
    from participation.ideas import operations

    board = operations.create_board(process, title)
    fields, districts = process.fields_of_action, process.districts
    ids = []
    for n in range(ideas):
        idea = operations.post_idea(
            board,
            title=f"Idee {n + 1}: mehr Bänke, Radwege und Betreuung",
            text="Eine realistische Länge für eine Idee. " * 12,
            field_of_action=fields[n % len(fields)],
            district=districts[n % len(districts)],
            author_name="Bench",
        )
        ids.append(idea.id)
    return board.id, ids


def prepare(url: str, *, survey: bool, ideas: int | None, name: str, slug: str) -> dict:
    """Migrate an empty database and create one process with a survey and/or an idea board."""
    from participation.cli import upgrade_database
    from participation.extensions import db

    app = make_app(url)
    with app.app_context():
        upgrade_database()
        process = new_process(f"Familiengerechte Kommune {name}", f"Stadt {name}", slug)
        info = {"slug": process.slug}
        if survey:
            info.update(build_survey(process))
        if ideas is not None:
            info["board_id"], info["idea_ids"] = build_board(process, f"Ideenbörse {name}", ideas)
        db.session.commit()
        db.engine.dispose()
    return info


# --- the client ----------------------------------------------------------------------------------


class Browser:
    """One phone: a keep-alive connection, a cookie jar, and the request latencies it saw.

    `retry`: reconnect and send again once when the server had closed an idle keep-alive
    connection; otherwise reconnect and raise. `address`: sent as X-Forwarded-For (only
    meaningful behind PROXY_COUNT=1). Counts requests and failures (exceptions, 5xx).
    """

    def __init__(
        self,
        port: int,
        latencies: list | None = None,
        *,
        timeout: float = 120,
        retry: bool = True,
        address: str | None = None,
    ):
        self.port = port
        self.timeout = timeout
        self.retry = retry
        self.latencies = latencies
        self.cookies: dict[str, str] = {}
        self.headers = {"Host": f"{HOST}:{port}", "Accept-Language": "de"}
        if address:
            self.headers["X-Forwarded-For"] = address
        self.connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
        self.requests = 0
        self.failures = 0

    def reconnect(self) -> None:
        self.connection.close()
        self.connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)

    def close(self) -> None:
        self.connection.close()

    def request(self, method: str, path: str, form: dict | str | None = None):
        """Send one request; return (status, body text, Location path or None)."""
        headers = dict(self.headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = form if isinstance(form, str) else urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        self.requests += 1
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection: reconnect once.
                self.reconnect()
                if attempt or not self.retry:
                    self.failures += 1
                    raise
            except (http.client.HTTPException, OSError):
                self.reconnect()
                self.failures += 1
                raise
        if self.latencies is not None:
            self.latencies.append(time.perf_counter() - started)
        if response.status >= 500:
            self.failures += 1
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _sep, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        location = response.getheader("Location")
        if location:
            location = urlsplit(location).path
        return response.status, data.decode("utf-8", "replace"), location

    def get_form(self, path: str) -> tuple[str, str]:
        """GET a page with a form; return its CSRF token and the page."""
        status, body, _location = self.request("GET", path)
        match = CSRF.search(body)
        if status != 200 or not match:
            raise FlowError(f"GET {path}: {status}")
        return match.group(1), body


def new_marker(run: str, client: int, sequence: int) -> str:
    return f"M-{run}-c{client}-n{sequence}"


def page_form(rng: random.Random, page, marker: str | None = None) -> dict:
    """Random but valid answers to one page's questions; free texts carry the marker."""
    from participation.surveys.models import QuestionType as T

    form = {}
    for kind, question_id, options in page:
        name = f"q{question_id}"
        if kind is T.SINGLE_CHOICE:
            form[name] = str(rng.choice(options))
        elif kind is T.MULTIPLE_CHOICE:
            form[name] = [str(o) for o in rng.sample(options, rng.randint(1, 3))]
        elif kind is T.YES_NO:
            form[name] = rng.choice(["yes", "no"])
        elif kind is T.NUMBER:
            form[name] = str(rng.randint(0, 6))
        elif kind is T.SCALE:
            form[name] = str(rng.randint(1, 5))
        elif kind is T.MATRIX:
            for row in options:
                form[f"{name}_{row}"] = str(rng.randint(1, 5))
        elif kind.is_text:
            form[name] = rng.choice(TEXTS) + (f" [{marker}]" if marker else "")
    return form


def answer_rows(form: dict) -> int:
    """How many answer rows the server stores for these page answers (one per choice/row)."""
    return sum(
        len(value) if isinstance(value, list) else 1
        for key, value in form.items()
        if key.startswith("q")
    )


def respond(browser: Browser, info: dict, rng: random.Random, marker=None, before_submit=None):
    """Answer the whole survey; return the number of answer rows once acknowledged.

    `before_submit(marker, rows)` is called just before the final POST (for in-flight counts).
    """
    browser.cookies.clear()
    base = f"/p/{info['slug']}/umfrage/{info['survey_id']}"
    token, _body = browser.get_form(f"{base}/")
    status, _body, location = browser.request("POST", f"{base}/beginnen", {"csrf_token": token})
    if status != 302:
        raise FlowError(f"begin: {status}")
    rows = 0
    for _section_id, page in info["layout"]:
        token, _body = browser.get_form(location)
        answers = page_form(rng, page, marker)
        rows += answer_rows(answers)
        form = {**answers, "csrf_token": token, "action": "next"}
        status, body, location = browser.request("POST", location, form)
        if status != 302:
            raise FlowError(f"page: {status} {body[:200]}")
    token, body = browser.get_form(location)
    submission = SUBMISSION.search(body)
    if not submission:
        raise FlowError("review page without submission token")
    if before_submit:
        before_submit(marker, rows)
    status, _body, location = browser.request(
        "POST",
        f"{base}/absenden",
        {"csrf_token": token, "submission_token": submission.group(1)},
    )
    if status != 302 or not location or not location.endswith("/danke"):
        raise FlowError(f"submit: {status}")
    # Acknowledged already; the thank-you page is part of the flow and of the timing.
    with contextlib.suppress(OSError, http.client.HTTPException):
        browser.request("GET", location)
    return rows


def post_idea(browser: Browser, info: dict, rng: random.Random, marker: str, before_publish=None):
    """Post an idea the way the form does: form, preview, publish; True once acknowledged."""
    browser.cookies.clear()
    path = f"/p/{info['slug']}/ideen/{info['board_id']}/neu"
    token, body = browser.get_form(path)
    form_token = FORM_TOKEN.search(body)
    if not form_token:
        raise FlowError("idea form without form token")
    form = {
        "csrf_token": token,
        "form_token": form_token.group(1),
        "title": f"{rng.choice(IDEA_TITLES)} [{marker}]",
        "text": f"{rng.choice(TEXTS)} {rng.choice(TEXTS)} [{marker}]",
        "district": "",
        "field_of_action": "",
        "target_group": "",
        "author_name": "",
        "website": "",
        "step": "preview",
    }
    status, body, _location = browser.request("POST", path, form)
    if status != 200 or "Vorschau" not in body:
        raise FlowError(f"idea preview: {status} {body[:200]}")
    suggested = SUGGESTED.search(body)
    form["step"] = "publish"
    if suggested:
        form["suggested"] = form["field_of_action"] = suggested.group(1)
    if before_publish:
        before_publish(marker)
    status, _body, location = browser.request("POST", path, form)
    if status != 303 or not location:
        raise FlowError(f"idea publish: {status}")
    with contextlib.suppress(OSError, http.client.HTTPException):
        browser.request("GET", location)
    return True


def post_comment(browser: Browser, slug: str, idea_id: int, text: str, author: str):
    """GET an idea page (cookie, CSRF and form token), then POST a comment.

    Return the POST's (status, seconds), or None if the idea page was unusable.
    """
    path = f"/p/{slug}/ideen/idee/{idea_id}"
    status, page, _location = browser.request("GET", path)
    csrf, token = CSRF.search(page), FORM_TOKEN.search(page)
    if status != 200 or not csrf or not token:
        return None
    form = {
        "csrf_token": csrf.group(1),
        "form_token": token.group(1),
        "text": text,
        "author_name": author,
        "target_group": "",
        "parent_id": "",
        "website": "",
    }
    start = time.perf_counter()
    status, _body, _location = browser.request("POST", path + "/kommentare", form)
    return status, time.perf_counter() - start
