"""Survey fixtures: a survey with every question type, and a respondent that walks the pages."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from participation.extensions import db
from participation.processes.models import AuditType
from participation.surveys import operations
from participation.surveys.models import AccessMode, QuestionType, SurveyState

DISTRICTS = ["Altstadt", "Nordstadt", "Mühlbach", "Oberdorf", "Am Weinberg"]


@dataclass
class Built:
    survey: object
    q: dict  # name -> question
    s: list  # sections

    def option(self, name: str, label: str) -> int:
        return next(o.id for o in self.q[name].options if o.label == label)


def build_survey(process, *, access_mode=AccessMode.OPEN, state=SurveyState.OPEN) -> Built:
    """Three pages; page 2 only for people with children; one question only for Nordstadt."""
    groups = {g.code: g for g in process.target_groups}
    survey = operations.create_survey(
        process, "Familienbefragung", target_group=groups["families"], first_section="Über Sie"
    )
    s1 = survey.sections[0]
    s2 = operations.add_section(survey, "Betreuung")
    s3 = operations.add_section(survey, "Ihre Meinung")
    q = {}

    def add(name, section, kind, text, required=False, **settings):
        question = operations.add_question(section, kind, text, required=required)
        operations.update_question(question, text=text, required=required, **settings)
        q[name] = question
        return question

    add("district", s1, QuestionType.DISTRICT, "In welchem Stadtteil wohnen Sie?", True)
    add("kids", s1, QuestionType.YES_NO, "Haben Sie Kinder unter 18?", True)
    add(
        "count",
        s1,
        QuestionType.NUMBER,
        "Wie viele Personen leben im Haushalt?",
        number_min=1,
        number_max=20,
    )
    add(
        "care",
        s2,
        QuestionType.SINGLE_CHOICE,
        "Wie wird Ihr jüngstes Kind betreut?",
        True,
        options=["Kita", "Tagespflege", "zu Hause"],
        allow_other=True,
        field_codes=["HF2"],
    )
    add(
        "missing",
        s2,
        QuestionType.MULTIPLE_CHOICE,
        "Was fehlt Ihnen?",
        options=["Krippenplätze", "Ferienbetreuung", "Randzeiten"],
        allow_other=True,
        field_codes=["HF2"],
    )
    add(
        "hours",
        s2,
        QuestionType.SCALE,
        "Wie zufrieden sind Sie mit den Öffnungszeiten?",
        True,
        scale_min=1,
        scale_max=5,
        scale_labels=["sehr unzufrieden", "", "", "", "sehr zufrieden"],
    )
    add(
        "matrix",
        s3,
        QuestionType.MATRIX,
        "Wie bewerten Sie …",
        True,
        options=["Spielplätze", "Radwege"],
        field_codes=["HF5"],
    )
    add(
        "rank",
        s3,
        QuestionType.RANKING,
        "Was ist am wichtigsten?",
        options=["Kita", "Schule", "Wohnen"],
    )
    add("short", s3, QuestionType.SHORT_TEXT, "Ihr Lieblingsort?")
    add("long", s3, QuestionType.LONG_TEXT, "Was wünschen Sie sich?", field_codes=["HF1", "HF5"])
    nord = next(d for d in process.districts if d.name == "Nordstadt")
    add(
        "nord",
        s3,
        QuestionType.SHORT_TEXT,
        "Was fehlt in der Nordstadt?",
        condition_question_id=q["district"].id,
        condition_value=str(nord.id),
    )
    operations.update_section(
        s2, title="Betreuung", condition_question_id=q["kids"].id, condition_value="yes"
    )
    survey.state = state
    survey.access_mode = access_mode
    db.session.commit()
    return Built(survey, q, [s1, s2, s3])


@pytest.fixture
def family_process(factory):
    return factory.process(
        "Familiengerechte Kommune Rosenau",
        audit_type=AuditType.FAMILY_MUNICIPALITY,
        districts=DISTRICTS,
    )


@pytest.fixture
def built(family_process):
    return build_survey(family_process)


def district_id(process, name):
    return next(d.id for d in process.districts if d.name == name)


def answers_for(
    built, process, *, district="Altstadt", kids="yes", long="Mehr Krippenplätze bitte."
):
    """Form data per page for a complete, valid response."""
    q = built.q
    pages = [
        {
            f"q{q['district'].id}": str(district_id(process, district)),
            f"q{q['kids'].id}": kids,
            f"q{q['count'].id}": "4",
        },
        {
            f"q{q['care'].id}": "other",
            f"q{q['care'].id}_other": "Oma hilft",
            f"q{q['missing'].id}": [str(built.option("missing", "Krippenplätze")), "other"],
            f"q{q['missing'].id}_other": "Betreuung am Samstag",
            f"q{q['hours'].id}": "2",
        },
        {
            f"q{q['matrix'].id}_{built.option('matrix', 'Spielplätze')}": "4",
            f"q{q['matrix'].id}_{built.option('matrix', 'Radwege')}": "1",
            f"q{q['rank'].id}_{built.option('rank', 'Kita')}": "2",
            f"q{q['rank'].id}_{built.option('rank', 'Schule')}": "1",
            f"q{q['rank'].id}_{built.option('rank', 'Wohnen')}": "3",
            f"q{q['short'].id}": "Stadtpark",
            f"q{q['long'].id}": long,
        },
    ]
    if kids == "no":
        pages.pop(1)
    return pages


class Respondent:
    """Walks the participant pages with a test client, like a phone without JavaScript."""

    def __init__(self, client, process, survey):
        self.client = client
        self.base = f"/p/{process.slug}/umfrage/{survey.id}"
        self.location = None

    def begin(self, **data):
        response = self.client.post(f"{self.base}/beginnen", data=data)
        self.location = response.headers.get("Location")
        return response

    def answer(self, data, action="next"):
        response = self.client.post(self.location, data={**data, "action": action})
        if response.status_code == 302:
            self.location = response.headers["Location"]
        return response

    def review(self):
        return self.client.get(f"{self.base}/pruefen")

    def submission_token(self) -> str:
        body = self.review().get_data(as_text=True)
        return re.search(r'name="submission_token" value="([^"]+)"', body).group(1)

    def submit(self, token=None):
        token = token if token is not None else self.submission_token()
        return self.client.post(f"{self.base}/absenden", data={"submission_token": token})

    def complete(self, pages, **begin):
        assert self.begin(**begin).status_code == 302
        for page in pages:
            response = self.answer(page)
            assert response.status_code == 302, response.get_data(as_text=True)
        assert self.location.endswith("/pruefen")
        return self.submit()


@pytest.fixture
def csrf_app(make_app, app):
    """A second app with CSRF on; its engine is closed after the test (make_app closes only one)."""
    second = make_app(WTF_CSRF_ENABLED=True)
    yield second
    with second.app_context():
        db.session.remove()
        db.engine.dispose()
