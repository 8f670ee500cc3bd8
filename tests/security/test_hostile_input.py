"""Property-based tests: random and hostile data into every form the app shows, and the NLP CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from participation.accounts.models import Role
from participation.contributions.models import Contribution
from participation.demo import load_demo
from participation.extensions import db

# A failing example may hold a 6,000-character string; its repr must not fail the report.
pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")

HOSTILE = [
    "<script>alert(1)</script>",
    "'; DROP TABLE contribution; --",
    "\x00\x01\x02",
    '=HYPERLINK("http://evil.example")',
    "{{ 7*7 }}",
    "../../etc/passwd",
    "ä" * 6000,
    "\u202e\u200b\ufeff",
    "https://a.example https://b.example https://c.example https://d.example",
    "",
    " ",
    "-1",
    "99999999999999999999",
    "NaN",
]
values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300))


class FormCollector(HTMLParser):
    """Collect POST forms (action and field names) and same-site links of a page."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.links: list[str] = []
        self._form = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "fields": {}}
        elif self._form is not None and tag in ("input", "textarea", "select"):
            name = attrs.get("name")
            if name and name != "csrf_token":
                self._form["fields"].setdefault(name, attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def crawl(client, starts: list[str], limit: int = 120) -> dict[str, dict]:
    """Visit same-site pages from `starts`; return the POST forms by action URL."""
    forms, seen, queue = {}, set(), list(starts)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        path = urlparse(url).path
        if path in seen or "/logout" in path or "/export" in path or path.endswith(".csv"):
            continue
        seen.add(path)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        parser = FormCollector()
        parser.feed(response.get_data(as_text=True))
        for form in parser.forms:
            action = urljoin(url, form["action"]) if form["action"] else url
            action_path = urlparse(action).path
            if "logout" not in action_path and "delete" not in action_path:
                forms.setdefault(action_path, form)
        for link in parser.links:
            target = urljoin(url, link)
            if urlparse(target).netloc in ("", "localhost") and target.startswith(
                ("/", "http://localhost")
            ):
                queue.append(
                    urlparse(target).path
                    + ("?" + urlparse(target).query if urlparse(target).query else "")
                )
    return forms


@pytest.fixture
def site(make_app, factory):
    app = make_app(IDEAS_MIN_FILL_SECONDS=0)
    with app.app_context():
        load_demo()
        factory.user("admin@test.example", role=Role.ADMIN)
        participant = app.test_client()
        staff = app.test_client()
        staff.post(
            "/staff/login",
            data={"email": "admin@test.example", "password": "ein-sicheres-testpasswort"},
        )
        forms = {
            "participant": crawl(participant, ["/", "/p/rosenau/", "/p/sonnenhang/"]),
            "staff": crawl(staff, ["/staff/p/rosenau/"]),
        }
        yield app, {"participant": participant, "staff": staff}, forms
        db.session.remove()


@pytest.mark.slow
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    who=st.sampled_from(["participant", "staff"]),
    pick=st.integers(min_value=0, max_value=10_000),
    payload_values=st.lists(values, min_size=40, max_size=40),
)
def test_no_form_answers_hostile_input_with_a_server_error(site, who, pick, payload_values):
    app, clients, forms = site
    actions = sorted(forms[who])
    assert actions, "the crawl found no forms"
    action = actions[pick % len(actions)]
    fields = sorted(forms[who][action]["fields"])
    payload = dict(zip(fields, payload_values, strict=False))
    response = clients[who].post(action, data=payload)
    assert response.status_code < 500, (action, payload)
    with app.app_context():
        texts = db.session.scalars(select(Contribution.text)).all()
        assert max(map(len, texts), default=0) <= 20_000
        assert not any("\x00" in text for text in texts)


def test_the_crawl_reaches_the_main_forms(site):
    _, _, forms = site
    participant = " ".join(forms["participant"])
    assert "/p/rosenau/" in participant
    assert len(forms["participant"]) >= 3 and len(forms["staff"]) >= 10


@settings(max_examples=8, deadline=None)
@given(
    lines=st.lists(
        st.one_of(
            st.text(max_size=80),
            st.builds(lambda t: json.dumps({"id": "x", "text": t}), st.sampled_from(HOSTILE)),
            st.just("{not json"),
            st.just('{"id": 1}'),
            st.just("[]"),
        ),
        min_size=0,
        max_size=6,
    )
)
def test_nlp_cli_never_crashes_on_hostile_input(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("cli") / "in.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "nlp", "classify", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode in (0, 2), result.stderr
    assert "Traceback" not in result.stderr
    if result.returncode == 0:
        for out in result.stdout.splitlines():
            assert "field" in json.loads(out)
