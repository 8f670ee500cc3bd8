"""Access codes: typed or scanned, spent by the first completed response, never twice."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from participation.extensions import db
from participation.surveys import operations
from participation.surveys.models import AccessMode, SurveyAccessCode, SurveyResponse
from tests.surveys.conftest import Respondent, answers_for, build_survey


def responses():
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(SurveyResponse))


def coded_survey(process, count=30):
    built = build_survey(process, access_mode=AccessMode.CODES)
    codes = operations.generate_access_codes(built.survey, count, "Klasse 8b")
    db.session.commit()
    return built, [c.code for c in codes]


def test_codes_are_unambiguous_and_unique(family_process):
    built, codes = coded_survey(family_process, 200)
    assert len(set(codes)) == 200
    assert all(len(c) == 8 and not set(c) & set("0O1IL") for c in codes)


def test_code_is_needed_checked_and_spent_once(client, family_process):
    built, codes = coded_survey(family_process)
    person = Respondent(client, family_process, built.survey)
    response = person.begin()
    assert (
        response.status_code == 422
        and "Bitte geben Sie Ihren Zugangscode ein." in response.get_data(as_text=True)
    )
    response = person.begin(code="AAAA-AAAA")
    assert (
        response.status_code == 422
        and "Diesen Zugangscode kennen wir nicht" in response.get_data(as_text=True)
    )
    typed = f"{codes[0][:4].lower()}-{codes[0][4:].lower()}"  # as typed on a phone
    assert person.complete(answers_for(built, family_process), code=typed).status_code == 302
    code = db.session.scalar(select(SurveyAccessCode).where(SurveyAccessCode.code == codes[0]))
    assert code.spent_at is not None

    other = Respondent(client.application.test_client(), family_process, built.survey)
    response = other.begin(code=codes[0])
    assert response.status_code == 422 and "schon verwendet" in response.get_data(as_text=True)
    assert responses() == 1


def test_code_used_in_two_browsers_counts_once(app, family_process):
    built, codes = coded_survey(family_process)
    first = Respondent(app.test_client(), family_process, built.survey)
    second = Respondent(app.test_client(), family_process, built.survey)
    pages = answers_for(built, family_process)
    for person in (first, second):
        person.begin(code=codes[0])
        for page in pages:
            person.answer(page)
    assert first.submit().status_code == 302
    response = second.submit()
    assert response.status_code == 409 and "schon verwendet" in response.get_data(as_text=True)
    assert responses() == 1


def test_response_is_not_linked_to_its_code():
    assert "access_code_id" not in SurveyResponse.__table__.columns


def test_twenty_concurrent_submissions_with_one_code_store_exactly_one(app, family_process):
    """20 phones, one code, all press "send" at once: one response, 19 polite refusals."""
    built, codes = coded_survey(family_process)
    pages = answers_for(built, family_process)
    people = []
    for _n in range(20):
        person = Respondent(app.test_client(), family_process, built.survey)
        assert person.begin(code=codes[0]).status_code == 302
        for page in pages:
            person.answer(page)
        people.append((person, person.submission_token()))
    barrier = threading.Barrier(len(people))
    statuses, errors = [], []

    def send(person, token):
        try:
            barrier.wait()
            statuses.append(person.submit(token).status_code)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=send, args=pair) for pair in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(statuses) == [302] + [409] * 19
    assert responses() == 1
    db.session.expire_all()
    assert db.session.scalar(
        select(SurveyAccessCode).where(SurveyAccessCode.code == codes[0])
    ).spent_at


def test_twenty_concurrent_double_clicks_of_one_draft_store_once(app, family_process):
    built = build_survey(family_process)
    person = Respondent(app.test_client(), family_process, built.survey)
    person.begin()
    for page in answers_for(built, family_process):
        person.answer(page)
    token = person.submission_token()
    barrier = threading.Barrier(20)
    statuses = []

    def send():
        barrier.wait()
        statuses.append(person.submit(token).status_code)

    threads = [threading.Thread(target=send) for _n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert statuses == [302] * 20
    assert responses() == 1


def test_staff_generate_and_print_code_slips(client, auth, factory, family_process):
    built = build_survey(family_process, access_mode=AccessMode.CODES)
    factory.user(process=family_process)
    auth.login()
    base = f"/staff/p/{family_process.slug}/surveys/{built.survey.id}/codes"
    response = client.post(base, data={"count": "0"})
    assert response.status_code == 422
    response = client.post(base, data={"count": "30", "label": "Klasse 8b"})
    assert response.status_code == 302
    slips = client.get(response.headers["Location"]).get_data(as_text=True)
    assert slips.count('src="data:image/svg+xml') == 30
    assert "Klasse 8b" in slips
    code = db.session.scalars(select(SurveyAccessCode)).first().code
    assert operations.format_code(code) in slips
    assert "30" in client.get(base).get_data(as_text=True)
