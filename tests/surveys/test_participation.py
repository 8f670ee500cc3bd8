"""The participant's way through a survey: every question type, conditions, errors, resume."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from participation.contributions.models import Contribution, ContributionSource
from participation.database import utcnow
from participation.extensions import db
from participation.surveys.models import (
    ResponseChannel,
    SurveyAnswer,
    SurveyDraft,
    SurveyResponse,
    SurveyState,
)
from tests.surveys.conftest import Respondent, answers_for, district_id


def count(model):
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def test_complete_response_stores_every_question_type(client, family_process, built):
    person = Respondent(client, family_process, built.survey)
    response = person.complete(answers_for(built, family_process))
    assert response.status_code == 302 and response.headers["Location"].endswith("/danke")
    thanks = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Vielen Dank" in thanks and "Wie geht es weiter?" in thanks

    stored = db.session.scalars(select(SurveyResponse)).one()
    assert stored.channel is ResponseChannel.ONLINE
    assert stored.district_id == district_id(family_process, "Altstadt")
    q = built.q
    rows = {}
    for answer in stored.answers:
        rows.setdefault(answer.question_id, []).append(answer)
    assert rows[q["kids"].id][0].value_number == 1.0
    assert rows[q["count"].id][0].value_number == 4.0
    care = rows[q["care"].id][0]
    assert care.is_other and care.option_id is None and care.value_text == "Oma hilft"
    missing = rows[q["missing"].id]
    assert {a.option_id for a in missing} == {built.option("missing", "Krippenplätze"), None}
    assert rows[q["hours"].id][0].value_number == 2.0
    assert {(a.option_id, a.value_number) for a in rows[q["matrix"].id]} == {
        (built.option("matrix", "Spielplätze"), 4.0),
        (built.option("matrix", "Radwege"), 1.0),
    }
    ranks = {a.option_id: a.value_number for a in rows[q["rank"].id]}
    assert ranks[built.option("rank", "Schule")] == 1.0
    assert rows[q["short"].id][0].value_text == "Stadtpark"
    assert q["nord"].id not in rows  # only asked in the Nordstadt

    # Every free text (short, long, both "other" texts) is a contribution, with its context.
    texts = [a for a in stored.answers if a.value_text]
    contributions = db.session.scalars(select(Contribution)).all()
    assert len(contributions) == len(texts) == 4
    for answer in texts:
        contribution = next(c for c in contributions if c.source_id == answer.id)
        assert contribution.source is ContributionSource.SURVEY_ANSWER
        assert contribution.text == answer.value_text
        assert contribution.target_group.code == "families"
        assert contribution.district.name == "Altstadt"
        assert contribution.source_label == "Familienbefragung"
    # The draft keeps no answers once sent.
    assert db.session.scalars(select(SurveyDraft)).one().answers == {}


def test_pages_show_progress_and_labelled_inputs(client, family_process, built):
    person = Respondent(client, family_process, built.survey)
    person.begin()
    body = client.get(person.location).get_data(as_text=True)
    assert "Seite 1 von 3" in body and "<progress" in body
    assert "<fieldset" in body and "<legend>" in body
    assert f'<label for="q{built.q["count"].id}">' in body
    assert "Pflichtfrage" in body


def test_conditional_page_and_question(client, family_process, built):
    person = Respondent(client, family_process, built.survey)
    person.begin()
    first, last = answers_for(built, family_process, district="Nordstadt", kids="no")
    response = person.answer(first)
    assert response.headers["Location"].endswith(f"/seite/{built.s[2].id}")  # page 2 skipped
    page = client.get(person.location).get_data(as_text=True)
    assert "Seite 2 von 2" in page and "Was fehlt in der Nordstadt?" in page
    person.answer({**last, f"q{built.q['nord'].id}": "Ein Jugendtreff"})
    assert person.submit().status_code == 302
    stored = db.session.scalars(select(SurveyResponse)).one()
    asked = {a.question_id for a in stored.answers}
    assert built.q["care"].id not in asked and built.q["nord"].id in asked


def test_hidden_answers_are_dropped_when_the_condition_changes(client, family_process, built):
    person = Respondent(client, family_process, built.survey)
    person.begin()
    pages = answers_for(built, family_process)
    person.answer(pages[0])
    person.answer(pages[1])
    # Go back to page 1 and say "no children": page 2 answers must not be stored.
    client.post(
        f"{person.base}/seite/{built.s[0].id}", data={**pages[0], f"q{built.q['kids'].id}": "no"}
    )
    person.location = f"{person.base}/seite/{built.s[2].id}"
    person.answer(pages[2])
    person.submit()
    stored = db.session.scalars(select(SurveyResponse)).one()
    assert built.q["care"].id not in {a.question_id for a in stored.answers}
    assert "Oma hilft" not in {c.text for c in db.session.scalars(select(Contribution))}


def test_back_keeps_answers(client, family_process, built):
    person = Respondent(client, family_process, built.survey)
    person.begin()
    pages = answers_for(built, family_process)
    person.answer(pages[0])
    page_two = person.location
    response = person.answer({f"q{built.q['hours'].id}": "5"}, action="back")
    assert response.headers["Location"].endswith(f"/seite/{built.s[0].id}")
    body = client.get(person.location).get_data(as_text=True)
    assert 'value="4"' in body  # the household size typed on page 1
    body = client.get(page_two).get_data(as_text=True)
    assert f'id="q{built.q["hours"].id}-5" value="5" checked' in body


def test_missing_and_invalid_answers_are_refused_in_german(client, family_process, built):
    person = Respondent(client, family_process, built.survey)
    person.begin()
    q = built.q
    response = person.answer({f"q{q['count'].id}": "viele"})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Bitte prüfen Sie Ihre Angaben" in body  # summary at the top
    assert "Bitte beantworten Sie diese Frage." in body
    assert "Bitte geben Sie eine Zahl ein" in body
    assert f'id="q{q["count"].id}-error"' in body and 'value="viele"' in body
    response = person.answer(
        {
            f"q{q['district'].id}": "99999",
            f"q{q['kids'].id}": "vielleicht",
            f"q{q['count'].id}": "25",
        }
    )
    body = response.get_data(as_text=True)
    assert "Diese Auswahl gibt es nicht" in body
    assert "Bitte geben Sie eine Zahl von 1 bis 20 ein." in body

    person.answer(answers_for(built, family_process)[0])
    response = person.answer(
        {f"q{q['care'].id}": str(built.option("rank", "Kita")), f"q{q['hours'].id}": "7"}
    )
    body = response.get_data(as_text=True)
    assert "Diese Auswahl gibt es nicht" in body
    assert "Bitte wählen Sie einen Wert von 1 bis 5." in body
    response = person.answer({f"q{q['care'].id}": "other", f"q{q['hours'].id}": "3"})
    assert "Bitte beschreiben Sie, was Sie mit „Sonstiges“ meinen." in response.get_data(
        as_text=True
    )

    pages = answers_for(built, family_process, long="x" * 5001)
    person.answer(pages[1])
    response = person.answer({**pages[2], f"q{q['rank'].id}_{built.option('rank', 'Kita')}": "1"})
    body = response.get_data(as_text=True)
    assert "Ihr Text ist zu lang: höchstens 5.000 Zeichen, jetzt sind es 5.001." in body
    assert "Jeden Rang bitte nur einmal vergeben." in body
    assert count(SurveyResponse) == 0 and count(Contribution) == 0


def test_review_refuses_to_skip_required_pages(client, family_process, built):
    person = Respondent(client, family_process, built.survey)
    person.begin()
    response = person.review()
    assert response.status_code == 302 and f"/seite/{built.s[0].id}" in response.headers["Location"]
    response = client.post(f"{person.base}/absenden", data={"submission_token": "x"})
    assert count(SurveyResponse) == 0


def test_double_submit_stores_once_and_shows_thanks(client, family_process, built):
    person = Respondent(client, family_process, built.survey)
    person.complete(answers_for(built, family_process))
    db.session.expire_all()
    token = db.session.scalars(select(SurveyDraft)).one().submission_token
    again = person.submit(token=token)
    assert again.status_code == 302 and again.headers["Location"].endswith("/danke")
    assert count(SurveyResponse) == 1 and count(Contribution) == 4


def test_forged_submission_token_stores_nothing(client, family_process, built):
    person = Respondent(client, family_process, built.survey)
    person.begin()
    for page in answers_for(built, family_process):
        person.answer(page)
    response = person.submit(token="forged-token")
    assert response.status_code == 409
    assert "gehört nicht zu Ihren aktuellen Antworten" in response.get_data(as_text=True)
    assert count(SurveyResponse) == 0
    assert person.submit().status_code == 302 and count(SurveyResponse) == 1


def test_replayed_page_form_after_sending_changes_nothing(client, family_process, built):
    person = Respondent(client, family_process, built.survey)
    pages = answers_for(built, family_process)
    person.complete(pages)
    response = client.post(
        f"{person.base}/seite/{built.s[0].id}", data={**pages[0], "action": "next"}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/danke")
    assert count(SurveyAnswer) > 0 and count(SurveyResponse) == 1


def test_open_survey_asks_for_one_response_per_browser(client, family_process, built):
    person = Respondent(client, family_process, built.survey)
    person.complete(answers_for(built, family_process))
    body = client.get(f"{person.base}/").get_data(as_text=True)
    assert "bereits ausgefüllt" in body and "nur einmal" in body
    # Asked for, not enforced (a shared family tablet may answer again).
    assert (
        Respondent(client, family_process, built.survey)
        .complete(answers_for(built, family_process))
        .status_code
        == 302
    )
    assert count(SurveyResponse) == 2


def test_closed_unknown_and_draft_surveys(client, family_process, built):
    person = Respondent(client, family_process, built.survey)
    person.begin()
    first_page = person.location
    built.survey.state = SurveyState.CLOSED
    db.session.commit()
    body = client.get(f"{person.base}/").get_data(as_text=True)
    assert "Diese Umfrage ist beendet" in body
    assert person.begin().status_code == 410
    response = client.post(first_page, data={"action": "next"}, follow_redirects=True)
    assert "Diese Umfrage ist beendet" in response.get_data(as_text=True)
    assert client.get(f"/p/{family_process.slug}/umfrage/99999/").status_code == 404
    built.survey.state = SurveyState.DRAFT
    db.session.commit()
    assert client.get(f"{person.base}/").status_code == 404
    built.survey.state = SurveyState.OPEN
    built.survey.closes_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    assert person.begin().status_code == 410
    assert count(SurveyResponse) == 0


def test_save_and_resume_on_another_device(client, app, family_process, built):
    person = Respondent(client, family_process, built.survey)
    person.begin()
    pages = answers_for(built, family_process)
    person.answer(pages[0])
    response = person.answer(pages[1], action="save")
    body = response.get_data(as_text=True)
    assert "zwischengespeichert" in body
    draft = db.session.scalars(select(SurveyDraft)).one()
    assert len(draft.resume_code) == 8 and not set(draft.resume_code) & set("0O1I")

    phone = app.test_client()
    link = client.get(f"{person.base}/fortsetzen/{draft.resume_code}").get_data(as_text=True)
    assert draft.resume_code[:4] in link
    wrong = phone.post(f"{person.base}/fortsetzen", data={"resume_code": "AAAA-AAAA"})
    assert wrong.status_code == 422 and "keine gespeicherten Antworten" in wrong.get_data(
        as_text=True
    )
    code = f"{draft.resume_code[:4].lower()} {draft.resume_code[4:]}"
    response = phone.post(f"{person.base}/fortsetzen", data={"resume_code": code})
    assert response.status_code == 302 and f"/seite/{built.s[2].id}" in response.headers["Location"]
    body = phone.get(f"{person.base}/seite/{built.s[1].id}").get_data(as_text=True)
    assert 'value="Betreuung am Samstag"' in body
    resumed = Respondent(phone, family_process, built.survey)
    resumed.location = response.headers["Location"]
    resumed.answer(pages[2])
    assert resumed.submit().status_code == 302
    # The old device's token no longer works; the resume code is used up.
    assert client.get(f"{person.base}/pruefen").status_code == 302
    again = app.test_client().post(
        f"{person.base}/fortsetzen", data={"resume_code": draft.resume_code}
    )
    assert again.status_code == 422
    assert count(SurveyResponse) == 1


def test_expired_resume_code_is_refused(client, family_process, built):
    person = Respondent(client, family_process, built.survey)
    person.begin()
    person.answer(answers_for(built, family_process)[0], action="save")
    draft = db.session.scalars(select(SurveyDraft)).one()
    draft.expires_at = utcnow() - timedelta(days=1)
    db.session.commit()
    response = client.post(f"{person.base}/fortsetzen", data={"resume_code": draft.resume_code})
    assert response.status_code == 422 and "Codes gelten 30 Tage" in response.get_data(as_text=True)


def test_csrf_missing_or_forged_is_refused(csrf_app, family_process, built):
    client = csrf_app.test_client()
    base = f"/p/{family_process.slug}/umfrage/{built.survey.id}"
    response = client.post(f"{base}/beginnen")
    assert response.status_code == 400
    assert "abgelaufen" in response.get_data(as_text=True) or "ungültig" in response.get_data(
        as_text=True
    )
    client.get(f"{base}/")
    response = client.post(f"{base}/beginnen", data={"csrf_token": "forged"})
    assert response.status_code == 400
    assert count(SurveyDraft) == 0
    # With the real token it works.
    token = re.search(
        r'name="csrf_token" value="([^"]+)"', client.get(f"{base}/").get_data(as_text=True)
    ).group(1)
    assert client.post(f"{base}/beginnen", data={"csrf_token": token}).status_code == 302


def test_process_page_lists_open_surveys(client, family_process, built):
    body = client.get(f"/p/{family_process.slug}/").get_data(as_text=True)
    assert "Familienbefragung" in body and f"/umfrage/{built.survey.id}/" in body
    built.survey.state = SurveyState.CLOSED
    db.session.commit()
    assert "Familienbefragung" not in client.get(f"/p/{family_process.slug}/").get_data(
        as_text=True
    )


def test_participant_pages_are_small_and_self_contained(client, family_process, built):
    person = Respondent(client, family_process, built.survey)
    person.begin()
    for path in (f"{person.base}/", person.location):
        response = client.get(path)
        body = response.get_data(as_text=True)
        assert len(response.data) < 50_000
        assert (
            "<script" not in body
            and "style=" not in body
            and "http://" not in body.replace("http://www.w3.org", "")
        )
