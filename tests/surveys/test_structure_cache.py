"""The per-worker copy of a questionnaire: used while current, never after a committed change."""

from __future__ import annotations

from sqlalchemy import event, select

from participation.extensions import db
from participation.multilingual import operations as translations
from participation.surveys import operations
from participation.surveys.models import QuestionType, Survey, SurveyState
from participation.surveys.structure import structure_query
from tests.surveys.conftest import Respondent, answers_for


def token(survey_id: int) -> str:
    return db.session.scalar(select(Survey.structure_token).where(Survey.id == survey_id))


def first_page(client, process, built) -> tuple[str, Respondent]:
    respondent = Respondent(client, process, built.survey)
    respondent.begin()
    return client.get(respondent.location).get_data(as_text=True), respondent


def test_token_changes_with_structure_only(client, family_process, built):
    survey_id = built.survey.id
    before = token(survey_id)
    assert before

    # Answering, drafts and responses leave the structure alone.
    respondent = Respondent(client, family_process, built.survey)
    respondent.begin()
    for page in answers_for(built, family_process):
        respondent.answer(page)
    assert respondent.submit().status_code == 302
    db.session.expire_all()
    assert token(survey_id) == before

    def fresh():  # a new session, as each staff request has
        db.session.remove()
        return db.session.scalar(structure_query().where(Survey.id == survey_id))

    def question(text):
        return next(q for q in fresh().ordered_questions() if q.text.startswith(text))

    changes = [
        lambda: operations.update_question(
            question("Wie wird"), text="Wer betreut Ihr Kind?", required=True,
            options=["Kita", "Tagespflege", "zu Hause"], allow_other=True,
        ),
        lambda: operations.set_options(question("Was fehlt Ihnen"), ["Krippen", "Randzeiten"]),
        lambda: operations.add_section(fresh(), "Zum Schluss"),
        lambda: operations.add_question(fresh().sections[2], QuestionType.YES_NO, "Noch etwas?"),
        lambda: operations.delete_question(question("Ihr Lieblingsort")),
        lambda: translations.set_translations(
            question("Haben Sie"), "en", {"text": "Do you have children under 18?"}
        ),
        lambda: setattr(fresh(), "state", SurveyState.CLOSED),
    ]  # fmt: skip
    seen = {before}
    for change in changes:
        change()
        db.session.commit()
        now = token(survey_id)
        assert now not in seen, change
        seen.add(now)


def test_participants_see_a_committed_change_at_once(client, family_process, built):
    page, respondent = first_page(client, family_process, built)
    assert "Haben Sie Kinder unter 18?" in page

    operations.update_question(
        built.q["kids"], text="Leben Kinder unter 18 bei Ihnen?", required=True
    )
    db.session.commit()
    page = client.get(respondent.location).get_data(as_text=True)
    assert "Leben Kinder unter 18 bei Ihnen?" in page
    assert "Haben Sie Kinder unter 18?" not in page

    built.survey.state = SurveyState.CLOSED
    db.session.commit()
    assert client.get(respondent.location).status_code == 410  # closed, at once


def test_another_worker_sees_the_change(make_app, app, family_process, built):
    """Two apps on one database stand for two workers, each with its own cache."""
    other = make_app()
    first, second = app.test_client(), other.test_client()
    for each in (first, second):
        page, _respondent = first_page(each, family_process, built)
        assert "Wie viele Personen leben im Haushalt?" in page

    # The edit comes through the staff side of the first worker (here: its operations).
    operations.update_question(
        built.q["count"], text="Wie groß ist Ihr Haushalt?", number_min=1, number_max=20
    )
    db.session.commit()
    for each in (first, second):
        page, _respondent = first_page(each, family_process, built)
        assert "Wie groß ist Ihr Haushalt?" in page


def test_a_current_copy_saves_the_structure_queries(app, client, family_process, built):
    _page, respondent = first_page(client, family_process, built)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(respondent.location).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    structure = [s for s in statements if "FROM survey_option" in s or "FROM survey_section" in s]
    assert structure == []
    assert len(statements) <= 8, statements
