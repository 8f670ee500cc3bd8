"""A survey that asks for personal data needs the participant's consent before it starts."""

from participation.extensions import db
from participation.surveys.models import SurveyDraft


def test_consent_is_required_when_the_survey_has_a_consent_text(client, built):
    survey = built.survey
    survey.consent_text = "Wir fragen nach Ihrem Namen, um Sie zum Workshop einzuladen."
    db.session.commit()
    start = f"/p/{survey.process.slug}/umfrage/{survey.id}/"
    page = client.get(start).get_data(as_text=True)
    assert "um Sie zum Workshop einzuladen" in page and 'name="consent"' in page
    refused = client.post(start + "beginnen", data={})
    assert refused.status_code == 422
    assert "Bitte stimmen Sie der Einwilligung zu" in refused.get_data(as_text=True)
    assert db.session.query(SurveyDraft).count() == 0
    accepted = client.post(start + "beginnen", data={"consent": "yes"})
    assert accepted.status_code == 302
    assert db.session.query(SurveyDraft).count() == 1


def test_no_consent_asked_without_a_consent_text(client, built):
    survey = built.survey
    start = f"/p/{survey.process.slug}/umfrage/{survey.id}/"
    assert 'name="consent"' not in client.get(start).get_data(as_text=True)
    assert client.post(start + "beginnen", data={}).status_code == 302
