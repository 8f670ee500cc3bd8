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
import threading
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


def respond(
    browser: Browser,
    info: dict,
    rng: random.Random,
    marker=None,
    before_submit=None,
    acknowledged=None,
):
    """Answer the whole survey; return the number of answer rows once acknowledged.

    `before_submit(marker, rows)` is called just before the final POST and
    `acknowledged(marker, rows)` as soon as its answer confirms it (for in-flight counts).
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
    if acknowledged:
        acknowledged(marker, rows)
    # Acknowledged already; the thank-you page is part of the flow and of the timing.
    with contextlib.suppress(OSError, http.client.HTTPException):
        browser.request("GET", location)
    return rows


def post_idea(
    browser: Browser,
    info: dict,
    rng: random.Random,
    marker: str,
    before_publish=None,
    publish: bool = True,
    acknowledged=None,
):
    """Post an idea the way the form does: form, preview, publish; True once acknowledged.

    With publish=False it stops after the preview (nothing is stored).
    """
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
    if not publish:
        return False
    suggested = SUGGESTED.search(body)
    form["step"] = "publish"
    if suggested:
        form["suggested"] = form["field_of_action"] = suggested.group(1)
    if before_publish:
        before_publish(marker)
    status, _body, location = browser.request("POST", path, form)
    if status != 303 or not location:
        raise FlowError(f"idea publish: {status}")
    if acknowledged:
        acknowledged(marker, 1)
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


# --- after the run: what is stored? ---------------------------------------------------------------


def check_stored(url: str, info: dict, acknowledged: dict, attempted: dict) -> dict:
    """Compare the database with what the clients saw; return figures and named checks.

    `acknowledged` and `attempted` map "survey"/"idea" to {marker: answer rows (surveys) or 1}:
    acknowledged = the server confirmed it; attempted = the final POST was sent without an
    answer (in flight, or failed). Every stored submission carries its marker in its texts.
    """
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:

        def rows(sql, **params):
            return connection.execute(text(sql), params).all()

        responses = [
            r[0]
            for r in rows(
                "SELECT id FROM survey_response WHERE survey_id = :s", s=info["survey_id"]
            )
        ]
        answer_counts = dict(
            rows(
                "SELECT a.response_id, count(*) FROM survey_answer a JOIN survey_response r"
                " ON r.id = a.response_id WHERE r.survey_id = :s GROUP BY a.response_id",
                s=info["survey_id"],
            )
        )
        text_answers = rows(
            "SELECT a.response_id, a.id, a.value_text FROM survey_answer a JOIN survey_response r"
            " ON r.id = a.response_id WHERE r.survey_id = :s AND a.value_text IS NOT NULL",
            s=info["survey_id"],
        )
        ideas = rows("SELECT id, title, text FROM idea WHERE board_id = :b", b=info["board_id"])
        contributions = set(rows("SELECT source, source_id FROM contribution"))
        integrity = None
        if url.startswith("sqlite"):
            integrity = connection.execute(text("PRAGMA integrity_check")).scalar_one()
            foreign = rows("PRAGMA foreign_key_check")
            integrity = f"{integrity}, foreign keys {'ok' if not foreign else len(foreign)}"
    engine.dispose()

    markers_of: dict[int, set[str]] = {r: set() for r in responses}
    for response_id, _answer_id, value in text_answers:
        markers_of.setdefault(response_id, set()).update(MARKER.findall(value))
    survey_stored: dict[str, list[int]] = {}
    for response_id, found in markers_of.items():
        for marker in found:
            survey_stored.setdefault(marker, []).append(response_id)
    idea_stored: dict[str, list[int]] = {}
    for idea_id, title, body in ideas:
        for marker in set(MARKER.findall(f"{title} {body}")):
            idea_stored.setdefault(marker, []).append(idea_id)

    expected_rows = {**attempted["survey"], **acknowledged["survey"]}
    half_written = [
        r
        for r, found in markers_of.items()
        if len(found) != 1 or answer_counts.get(r, 0) != expected_rows.get(next(iter(found)), -1)
    ]
    missing_text_contribution = [
        a for _r, a, _v in text_answers if ("survey_answer", a) not in contributions
    ]
    missing_idea_contribution = [i for i, _t, _b in ideas if ("idea", i) not in contributions]
    figures = {
        "responses stored": len(responses),
        "ideas stored": len(ideas),
        "surveys acknowledged": len(acknowledged["survey"]),
        "ideas acknowledged": len(acknowledged["idea"]),
        "surveys unanswered final POSTs": len(attempted["survey"]),
        "ideas unanswered final POSTs": len(attempted["idea"]),
        "surveys stored without acknowledgement": sum(
            1 for m in survey_stored if m not in acknowledged["survey"]
        ),
        "ideas stored without acknowledgement": sum(
            1 for m in idea_stored if m not in acknowledged["idea"]
        ),
        "answer rows": sum(answer_counts.values()),
    }
    checks = {
        "every acknowledged response stored exactly once": all(
            len(survey_stored.get(m, [])) == 1 for m in acknowledged["survey"]
        ),
        "every acknowledged idea stored exactly once": all(
            len(idea_stored.get(m, [])) == 1 for m in acknowledged["idea"]
        ),
        "no submission stored twice (unique marker per response/idea)": all(
            len(v) == 1 for v in survey_stored.values()
        )
        and all(len(v) == 1 for v in idea_stored.values()),
        "stored without acknowledgement only from unanswered final POSTs": all(
            m in acknowledged["survey"] or m in attempted["survey"] for m in survey_stored
        )
        and all(m in acknowledged["idea"] or m in attempted["idea"] for m in idea_stored),
        "every stored response complete (answer rows = rows sent)": not half_written,
        "every free-text answer has its contribution row": not missing_text_contribution,
        "every idea has its contribution row": not missing_idea_contribution,
    }
    if integrity is not None:
        checks[f"SQLite PRAGMA integrity_check: {integrity}"] = integrity == "ok, foreign keys ok"
    return {"figures": figures, "checks": checks}


def print_checks(result: dict, indent: str = "  ") -> bool:
    for name, value in result["figures"].items():
        print(f"{indent}{name:<44} {value}")
    for name, ok in result["checks"].items():
        print(f"{indent}{'ok  ' if ok else 'FAIL'} {name}")
    return all(result["checks"].values())


# --- a participant in a load run ------------------------------------------------------------------


class Tally:
    """What one participant thread did and saw; read by the runner (also while it runs)."""

    def __init__(self):
        self.latencies: list[float] = []
        self.flow_seconds: dict[str, list[float]] = {"survey": [], "idea": []}
        self.acknowledged: dict[str, dict] = {"survey": {}, "idea": {}}
        self.attempted: dict[str, dict] = {"survey": {}, "idea": {}}
        self.started = {"survey": 0, "idea": 0}
        self.failed = {"survey": 0, "idea": 0}
        self.errors: list[str] = []
        self.causes: dict[str, int] = {}
        self.ack_times: list[float] = []
        self.requests = 0
        self.request_failures = 0
        # (kind, marker, stage) of the flow under way; stage "pages" or "final POST".
        self.current: tuple[str, str, str] | None = None

    def sent(self, kind: str, marker: str, rows: int) -> None:
        self.attempted[kind][marker] = rows
        self.current = (kind, marker, "final POST")

    def confirmed(self, kind: str, marker: str, rows: int) -> None:
        self.attempted[kind].pop(marker, None)
        self.acknowledged[kind][marker] = rows
        self.ack_times.append(time.monotonic())
        self.current = (kind, marker, "page after the acknowledgement")

    def failure(self, kind: str, error: Exception) -> None:
        self.failed[kind] += 1
        cause = f"{kind}: {type(error).__name__}"
        if isinstance(error, FlowError):
            cause += f" ({str(error).split(':')[0]})"
        self.causes[cause] = self.causes.get(cause, 0) + 1
        if len(self.errors) < 5:
            self.errors.append(f"{kind}: {type(error).__name__}: {str(error)[:160]}")

    def as_dict(self) -> dict:
        return {k: v for k, v in vars(self).items() if k != "current"}


def merge_tallies(tallies) -> dict:
    """Merge Tally objects or their as_dict() forms into one dict."""
    total = Tally().as_dict()
    for tally in tallies:
        part = tally if isinstance(tally, dict) else tally.as_dict()
        total["latencies"] += part["latencies"]
        total["errors"] += part["errors"]
        total["ack_times"] += part["ack_times"]
        total["requests"] += part["requests"]
        total["request_failures"] += part["request_failures"]
        for cause, count in part["causes"].items():
            total["causes"][cause] = total["causes"].get(cause, 0) + count
        for kind in ("survey", "idea"):
            total["flow_seconds"][kind] += part["flow_seconds"][kind]
            total["acknowledged"][kind].update(part["acknowledged"][kind])
            total["attempted"][kind].update(part["attempted"][kind])
            total["started"][kind] += part["started"][kind]
            total["failed"][kind] += part["failed"][kind]
    return total


def participant(
    port: int,
    info: dict,
    run: str,
    number: int,
    deadline: float,
    tally: Tally,
    *,
    timeout: float = 30,
    pause_after_error: float = 0.2,
) -> None:
    """Alternate complete surveys and new ideas until `deadline` (time.monotonic())."""
    rng = random.Random(f"{run}-{number}")
    browser = Browser(port, tally.latencies, timeout=timeout)
    kinds = ("survey", "idea") if number % 2 == 0 else ("idea", "survey")
    sequence = 0
    while time.monotonic() < deadline:
        kind = kinds[sequence % 2]
        sequence += 1
        marker = new_marker(run, number, sequence)
        tally.started[kind] += 1
        tally.current = (kind, marker, "pages")
        started = time.monotonic()
        try:
            if kind == "survey":
                respond(
                    browser,
                    info,
                    rng,
                    marker,
                    before_submit=lambda m, r, k=kind: tally.sent(k, m, r),
                    acknowledged=lambda m, r, k=kind: tally.confirmed(k, m, r),
                )
            else:
                post_idea(
                    browser,
                    info,
                    rng,
                    marker,
                    before_publish=lambda m, k=kind: tally.sent(k, m, 1),
                    acknowledged=lambda m, r, k=kind: tally.confirmed(k, m, r),
                )
        except Exception as error:  # noqa: BLE001 - counted and shown
            tally.failure(kind, error)
            tally.current = None
            time.sleep(pause_after_error)
            continue
        tally.current = None
        tally.flow_seconds[kind].append(time.monotonic() - started)
    tally.requests, tally.request_failures = browser.requests, browser.failures
    browser.close()


def _preview(port: int, info: dict, number: int, timeout: float, times: list[float]) -> None:
    browser = Browser(port, timeout=timeout)
    begun = time.monotonic()
    try:
        post_idea(browser, info, random.Random(number), "warm-up", publish=False)
    except Exception:  # noqa: BLE001 - a failed preview just means: not warm yet
        times.append(float("inf"))
    else:
        times.append(time.monotonic() - begun)
    browser.close()


def warm_up(
    port: int, info: dict, parallel: int = 4, confirm: int = 16, limit: float = 400, fast: float = 3
) -> float:
    """Send idea previews (nothing stored) until a round of `confirm` parallel ones is fast.

    The first preview in each gunicorn worker loads the field classifier (tens of seconds; and
    every thread of a worker that asks before it is loaded loads its own), so rounds of
    `parallel` come first. Return how long it took.
    """
    started = time.monotonic()
    warm = False
    while time.monotonic() - started < limit:
        size = confirm if warm else parallel
        times: list[float] = []
        threads = [
            threading.Thread(target=_preview, args=(port, info, n, limit, times))
            for n in range(size)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if max(times) < fast:
            if warm:
                break
            warm = True
        else:
            warm = False
    return time.monotonic() - started
