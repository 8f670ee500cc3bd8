"""The project lead's side: editor, paper, results with suppression, exports, re-certification."""

from __future__ import annotations

import csv
import io
import re
import secrets
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from participation.accounts.models import AuditLogEntry, Role
from participation.contributions.models import Contribution
from participation.extensions import db
from participation.surveys import operations
from participation.surveys.models import (
    QuestionType,
    ResponseChannel,
    Survey,
    SurveyResponse,
    SurveyState,
)
from tests.surveys.conftest import build_survey, district_id


def count(model):
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def lead(factory, auth, family_process):
    factory.user(process=family_process)
    auth.login()


def staff_url(process, survey=None, path=""):
    base = f"/staff/p/{process.slug}/surveys/"
    return f"{base}{survey.id}/{path}" if survey else base + path


def respond(built, process, district, *, long="", kids="yes", channel=ResponseChannel.ONLINE):
    q = built.q
    answers = {
        str(q["district"].id): district_id(process, district),
        str(q["kids"].id): kids,
        str(q["count"].id): 3,
        str(q["matrix"].id): {str(o.id): 4 for o in q["matrix"].options},
    }
    if kids == "yes":
        answers[str(q["care"].id)] = {"choice": built.option("care", "Kita")}
        answers[str(q["hours"].id)] = 4
        answers[str(q["missing"].id)] = {
            "choices": [built.option("missing", "Ferienbetreuung")],
            "other": "Samstags",
        }
    if long:
        answers[str(q["long"].id)] = long
    operations.store_response(
        built.survey, answers, submission_token=secrets.token_urlsafe(16), channel=channel
    )


def test_lead_builds_a_survey_without_javascript(client, lead, family_process):
    response = client.post(
        staff_url(family_process, path="new"), data={"title": "", "target_group": "youth"}
    )
    assert response.status_code == 422
    response = client.post(
        staff_url(family_process, path="new"),
        data={"title": "Jugendbefragung", "target_group": "youth"},
    )
    assert response.status_code == 302
    survey = db.session.scalars(select(Survey)).one()
    assert survey.state is SurveyState.DRAFT and survey.target_group.code == "youth"
    first = survey.sections[0]
    for kind in QuestionType:
        response = client.post(
            staff_url(family_process, survey, f"sections/{first.id}/questions/new"),
            data={f"add{first.id}-type": kind.value, f"add{first.id}-text": f"Frage {kind.value}"},
        )
        assert response.status_code == 302, kind
    db.session.expire_all()
    questions = survey.sections[0].questions
    assert [q.type for q in questions] == list(QuestionType)
    choice = questions[0]
    response = client.post(
        staff_url(family_process, survey, f"questions/{choice.id}"),
        data={
            "text": "Wie kommst du zur Schule?",
            "options": "zu Fuß\nRad\nBus",
            "allow_other": "y",
            "required": "y",
            "fields": ["HF5"],
            "help_text": "Bitte eine Antwort.",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert [o.label for o in choice.options] == ["zu Fuß", "Rad", "Bus"]
    assert (
        choice.allow_other
        and choice.required
        and [f.code for f in choice.fields_of_action] == ["HF5"]
    )
    # A condition on a question of the same page is refused (pages work without JavaScript).
    second = questions[1]
    response = client.post(
        staff_url(family_process, survey, f"questions/{second.id}"),
        data={
            "text": second.text,
            "options": "a\nb",
            "condition": f"{choice.id}|{choice.options[0].id}",
        },
    )
    assert response.status_code == 422
    # Reorder with POST buttons.
    client.post(staff_url(family_process, survey, f"questions/{second.id}/move/up"))
    db.session.expire_all()
    assert survey.sections[0].questions[0].id == second.id
    client.post(
        staff_url(family_process, survey, "sections/new"), data={"newsection-title": "Seite 2"}
    )
    db.session.expire_all()
    assert len(survey.sections) == 2
    client.post(staff_url(family_process, survey, f"questions/{choice.id}/move/down"))
    last = survey.sections[0].questions[-1]
    client.post(staff_url(family_process, survey, f"questions/{last.id}/move/down"))
    db.session.expire_all()
    assert survey.sections[1].questions[0].id == last.id  # moved onto the next page
    client.post(staff_url(family_process, survey, f"sections/{survey.sections[1].id}/move/up"))
    db.session.expire_all()
    assert survey.sections[0].title == "Seite 2"
    # Open it with dates.
    response = client.post(
        staff_url(family_process, survey, "settings"),
        data={
            "settings-title": "Jugendbefragung",
            "settings-target_group": "youth",
            "settings-state": "open",
            "settings-access_mode": "codes",
            "settings-opens_on": "2026-01-01",
            "settings-closes_on": "2025-12-01",
        },
    )
    assert (
        response.status_code == 422
        and "Das Ende muss nach dem Beginn liegen." in response.get_data(as_text=True)
    )
    response = client.post(
        staff_url(family_process, survey, "settings"),
        data={
            "settings-title": "Jugendbefragung",
            "settings-target_group": "youth",
            "settings-state": "open",
            "settings-access_mode": "codes",
            "settings-opens_on": "2026-01-01",
            "settings-closes_on": "2099-12-01",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert survey.state is SurveyState.OPEN and survey.closes_at is not None


def test_copy_and_delete(client, lead, family_process, built):
    respond(built, family_process, "Altstadt", long="Mehr Ferienbetreuung")
    db.session.commit()
    assert count(Contribution) == 2
    response = client.post(staff_url(family_process, built.survey, "copy"))
    assert response.status_code == 302
    copy = db.session.scalars(select(Survey).where(Survey.id != built.survey.id)).one()
    assert copy.state is SurveyState.DRAFT and copy.title.endswith("(Kopie)")
    assert len(copy.ordered_questions()) == len(built.survey.ordered_questions())
    kids = next(q for q in copy.ordered_questions() if q.type is QuestionType.YES_NO)
    assert copy.sections[1].condition_question_id == kids.id
    nord = copy.ordered_questions()[-1]
    copied_district = next(q for q in copy.ordered_questions() if q.type is QuestionType.DISTRICT)
    assert nord.condition_question_id == copied_district.id
    response = client.post(staff_url(family_process, built.survey, "delete"))
    assert response.status_code == 302 and count(SurveyResponse) == 1  # not confirmed
    client.post(staff_url(family_process, built.survey, "delete"), data={"confirm": "yes"})
    assert count(Survey) == 1 and count(SurveyResponse) == 0 and count(Contribution) == 0
    assert db.session.scalar(select(AuditLogEntry).where(AuditLogEntry.action == "survey_deleted"))


def test_paper_version_and_paper_entry(app, client, lead, family_process, built):
    body = client.get(staff_url(family_process, built.survey, "paper")).get_data(as_text=True)
    assert "@media print" in (Path(app.static_folder) / "surveys.css").read_text(encoding="utf-8")
    assert "paper-box" in body and "Wie bewerten Sie" in body
    form = client.get(staff_url(family_process, built.survey, "paper/entry")).get_data(as_text=True)
    token = re.search(r'name="submission_token" value="([^"]+)"', form).group(1)
    q = built.q
    data = {
        "submission_token": token,
        f"q{q['district'].id}": str(district_id(family_process, "Oberdorf")),
        f"q{q['kids'].id}": "no",
        f"q{q['matrix'].id}_{built.option('matrix', 'Spielplätze')}": "2",
        f"q{q['matrix'].id}_{built.option('matrix', 'Radwege')}": "3",
        f"q{q['long'].id}": "Handschriftlich: mehr Bänke am Dorfplatz",
    }
    bad = client.post(
        staff_url(family_process, built.survey, "paper/entry"),
        data={**data, f"q{q['kids'].id}": ""},
    )
    assert bad.status_code == 422 and "Bitte beantworten Sie diese Frage." in bad.get_data(
        as_text=True
    )
    assert (
        client.post(staff_url(family_process, built.survey, "paper/entry"), data=data).status_code
        == 302
    )
    assert (
        client.post(staff_url(family_process, built.survey, "paper/entry"), data=data).status_code
        == 302
    )
    assert count(SurveyResponse) == 1  # the double submit is stored once
    stored = db.session.scalars(select(SurveyResponse)).one()
    assert stored.channel is ResponseChannel.PAPER
    contribution = db.session.scalars(select(Contribution)).one()
    assert contribution.district.name == "Oberdorf"
    body = client.get(staff_url(family_process, built.survey, "results")).get_data(as_text=True)
    assert "Papier: 1" in body


def test_results_charts_tables_and_small_cell_suppression(client, lead, family_process, built):
    for _n in range(6):
        respond(built, family_process, "Nordstadt", long="Ein Jugendtreff fehlt")
    for _n in range(3):
        respond(built, family_process, "Altstadt", kids="no")
    db.session.commit()
    url = staff_url(family_process, built.survey, "results")
    body = client.get(url).get_data(as_text=True)
    assert "9 Antworten" in body
    assert "<svg" in body and "<table" in body
    assert "Ein Jugendtreff fehlt" in body
    assert "&lt;5" in body  # Altstadt has only 3 responses
    nordstadt = client.get(f"{url}?district={district_id(family_process, 'Nordstadt')}").get_data(
        as_text=True
    )
    assert "Nur Antworten aus Nordstadt" in nordstadt and "<svg" in nordstadt
    altstadt = client.get(f"{url}?district={district_id(family_process, 'Altstadt')}").get_data(
        as_text=True
    )
    assert "weniger als 5 Antworten" in altstadt and '<svg class="chart"' not in altstadt
    by_field = client.get(f"{url}?field=HF2").get_data(as_text=True)
    assert "Wie wird Ihr jüngstes Kind betreut?" in by_field and "Ihr Lieblingsort?" not in by_field
    overview = client.get(staff_url(family_process, path="overview")).get_data(as_text=True)
    assert "Familien und Eltern" in overview and "Wie wird Ihr jüngstes Kind betreut?" in overview


def test_results_are_filterable_by_member_municipality(client, factory, auth):
    from participation.processes.models import AuditType

    kreis = factory.process(
        "Familiengerechter Kreis Rosenau",
        audit_type=AuditType.FAMILY_DISTRICT,
        districts=["Altstadt", "Nordstadt", "Mühlbach", "Oberdorf", "Am Weinberg"],
    )
    built = build_survey(kreis)
    for _n in range(5):
        respond(built, kreis, "Mühlbach")
    db.session.commit()
    factory.user("kreis@test.example", process=kreis)
    auth.login("kreis@test.example")
    body = client.get(staff_url(kreis, built.survey, "results")).get_data(as_text=True)
    assert '<label for="district">Gemeinde</label>' in body
    body = client.get(
        staff_url(kreis, built.survey, f"results?district={district_id(kreis, 'Mühlbach')}")
    ).get_data(as_text=True)
    assert "Nur Antworten aus Mühlbach" in body and "5 Antworten" in body


def test_csv_export(client, lead, family_process, built):
    respond(built, family_process, "Nordstadt", long='=HYPERLINK("x"); mit Semikolon')
    db.session.commit()
    response = client.get(staff_url(family_process, built.survey, "export.csv"))
    assert response.status_code == 200
    assert "attachment; filename=" in response.headers["Content-Disposition"]
    raw = response.data
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header, row = rows
    assert header[:4] == ["Nr.", "Eingegangen am", "Kanal", "Zielgruppe"]
    assert "In welchem Stadtteil wohnen Sie?" in header
    assert row[header.index("In welchem Stadtteil wohnen Sie?")] == "Nordstadt"
    assert row[header.index("Wie wird Ihr jüngstes Kind betreut?")] == "Kita"
    assert row[header.index("Was wünschen Sie sich?")] == '\'=HYPERLINK("x"); mit Semikolon'
    assert db.session.scalar(select(AuditLogEntry).where(AuditLogEntry.action == "survey_exported"))


def test_xlsx_export_read_back_cell_by_cell(client, lead, family_process, built):
    respond(built, family_process, "Nordstadt", long="Mehr Bänke")
    respond(built, family_process, "Altstadt", kids="no", channel=ResponseChannel.PAPER)
    db.session.commit()
    response = client.get(staff_url(family_process, built.survey, "export.xlsx"))
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [c.value for c in sheet[1]]
    expected = [
        "Nr.",
        "Eingegangen am",
        "Kanal",
        "Zielgruppe",
        "In welchem Stadtteil wohnen Sie?",
        "Haben Sie Kinder unter 18?",
        "Wie viele Personen leben im Haushalt?",
        "Wie wird Ihr jüngstes Kind betreut?",
        "Wie wird Ihr jüngstes Kind betreut? – Sonstiges (Freitext)",
        "Was fehlt Ihnen?",
        "Was fehlt Ihnen? – Sonstiges (Freitext)",
        "Wie zufrieden sind Sie mit den Öffnungszeiten?",
        "Wie bewerten Sie … – Spielplätze",
        "Wie bewerten Sie … – Radwege",
        "Was ist am wichtigsten?",
        "Ihr Lieblingsort?",
        "Was wünschen Sie sich?",
        "Was fehlt in der Nordstadt?",
    ]
    assert header == expected
    first = [c.value for c in sheet[2]]
    assert first[0] == 1 and first[2] == "Online" and first[3] == "Familien und Eltern"
    assert first[4:] == [
        "Nordstadt",
        "Ja",
        3,
        "Kita",
        None,
        "Ferienbetreuung; Sonstiges",
        "Samstags",
        4,
        4,
        4,
        None,
        None,
        "Mehr Bänke",
        None,
    ]
    second = [c.value for c in sheet[3]]
    assert second[2] == "Papier"
    assert second[4:] == [
        "Altstadt",
        "Nein",
        3,
        None,
        None,
        None,
        None,
        None,
        4,
        4,
        None,
        None,
        None,
        None,
    ]
    assert sheet.max_row == 3


def test_permissions_on_results_and_exports(client, factory, auth, family_process, built):
    factory.user("audit@test.example", role=Role.AUDITOR, process=family_process)
    auth.login("audit@test.example")
    assert client.get(staff_url(family_process, built.survey, "results")).status_code == 200
    assert client.get(staff_url(family_process, built.survey, "export.csv")).status_code == 403
    assert client.get(staff_url(family_process, built.survey, "")).status_code == 403


def test_other_process_cannot_reach_a_survey_by_id(client, factory, auth, built):
    other = factory.process("Andere Stadt")
    factory.user("other@test.example", process=other)
    auth.login("other@test.example")
    assert client.get(staff_url(other, built.survey, "results")).status_code == 404
    assert client.get(f"/p/{other.slug}/umfrage/{built.survey.id}/").status_code == 404


def test_recertification_copies_surveys_as_drafts_without_responses(factory, family_process, built):
    respond(built, family_process, "Nordstadt", long="Alt")
    db.session.commit()
    successor = factory.process("Rosenau Re-Zertifizierung", predecessor=family_process)
    copies = db.session.scalars(select(Survey).where(Survey.process_id == successor.id)).all()
    assert len(copies) == 1
    copy = copies[0]
    assert copy.state is SurveyState.DRAFT and copy.target_group.process_id == successor.id
    assert copy.target_group.code == "families"
    tagged = [f for q in copy.ordered_questions() for f in q.fields_of_action]
    assert tagged and all(f.process_id == successor.id for f in tagged)
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(SurveyResponse)
            .where(SurveyResponse.survey_id == copy.id)
        )
        == 0
    )


def test_demo_surveys(runner):
    assert runner.invoke(args=["setup"]).exit_code == 0
    from participation.processes.models import Process

    rosenau = db.session.scalar(select(Process).where(Process.slug == "rosenau"))
    surveys = db.session.scalars(select(Survey).where(Survey.process_id == rosenau.id)).all()
    assert {s.target_group.code for s in surveys} == {
        "families",
        "youth",
        "associations",
        "companies",
    }
    assert all(s.state is SurveyState.OPEN for s in surveys)
    assert sum(s.access_mode.value == "codes" for s in surveys) == 1
    fields = {f.code for s in surveys for q in s.ordered_questions() for f in q.fields_of_action}
    assert fields == {"HF1", "HF2", "HF3", "HF4", "HF5", "HF6"}
    for survey in surveys:
        n = db.session.scalar(
            select(func.count())
            .select_from(SurveyResponse)
            .where(SurveyResponse.survey_id == survey.id)
        )
        assert 30 <= n <= 60
        assert len({q.type for q in survey.ordered_questions()}) >= 6
    quarter = db.session.scalar(select(Process).where(Process.slug == "sonnenhang"))
    assert (
        db.session.scalar(
            select(func.count()).select_from(Survey).where(Survey.process_id == quarter.id)
        )
        == 1
    )


def test_deleting_a_question_removes_it_its_answers_and_conditions(
    client, lead, family_process, built
):
    from tests.surveys.conftest import Respondent, answers_for

    respondent = Respondent(client, family_process, built.survey)
    respondent.begin()
    for page in answers_for(built, family_process):
        respondent.answer(page)
    assert respondent.submit().status_code == 302
    district = built.q["district"]
    survey_id, question_id = built.survey.id, district.id
    response = client.post(
        staff_url(family_process, built.survey, f"questions/{question_id}/delete")
    )
    assert response.status_code == 302
    db.session.expire_all()
    survey = db.session.get(Survey, survey_id)
    assert question_id not in {q.id for q in survey.questions}
    # The Nordstadt question was shown only for one district: its condition is gone too.
    assert all(q.condition_question_id != question_id for q in survey.questions)
    page = client.get(f"/p/{family_process.slug}/umfrage/{survey_id}/")
    assert page.status_code == 200


def test_deleting_a_question_whatever_was_loaded_before(family_process, built):
    """The operation itself, on objects loaded piecemeal: an autoflush in the middle once
    deleted the orphaned question early and made the commit fail."""
    survey_id, question_id = built.survey.id, built.q["short"].id
    operations.delete_question(built.q["short"])
    db.session.commit()
    db.session.expire_all()
    assert question_id not in {q.id for q in db.session.get(Survey, survey_id).questions}
