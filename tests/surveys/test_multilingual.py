"""Survey texts in several languages: stored per object, shown in the participant's language."""

from participation.accounts.models import Role
from participation.extensions import db
from participation.multilingual.operations import set_translations
from participation.multilingual.text import localized
from participation.surveys import operations
from participation.surveys.models import Survey
from tests.surveys.conftest import Respondent, district_id


def _translate_turkish(built):
    set_translations(built.survey, "tr", {"title": "Aile anketi", "intro": "Merhaba"})
    set_translations(built.s[0], "tr", {"title": "Sizin hakkınızda"})
    set_translations(built.q["kids"], "tr", {"text": "18 yaşından küçük çocuğunuz var mı?"})
    built.q["care"].help_text = "Ihr jüngstes Kind"
    set_translations(built.q["care"], "tr", {"help_text": "En küçük çocuğunuz"})
    kita = built.q["care"].options[0]
    set_translations(kita, "tr", {"label": "Kreş"})
    set_translations(
        built.q["hours"], "tr", {"scale_labels": "hiç memnun değilim\n\n\n\nçok memnunum"}
    )
    db.session.commit()


def test_localized_picks_the_language_and_falls_back_to_german(app, built):
    _translate_turkish(built)
    survey = built.survey
    assert localized(survey, "title", "tr") == "Aile anketi"
    assert localized(survey, "title", "ar") == "Familienbefragung"
    assert localized(survey, "title", "de") == "Familienbefragung"
    assert localized(built.q["count"], "text", "tr") == "Wie viele Personen leben im Haushalt?"


def test_empty_translations_are_dropped_and_other_languages_kept(app, built):
    survey = built.survey
    set_translations(survey, "tr", {"title": "Aile anketi"})
    set_translations(survey, "ar", {"title": "استطلاع العائلات"})
    set_translations(survey, "tr", {"title": "   ", "intro": ""})
    db.session.commit()
    db.session.expire_all()
    assert "tr" not in survey.translations
    assert survey.translations["ar"] == {"title": "استطلاع العائلات"}


def test_participant_sees_turkish_texts_and_german_where_none_given(client, built, family_process):
    _translate_turkish(built)
    base = f"/p/{family_process.slug}/umfrage/{built.survey.id}"
    start = client.get(f"{base}/?lang=tr").get_data(as_text=True)
    assert "<h1>Aile anketi</h1>" in start
    respondent = Respondent(client, family_process, built.survey)
    respondent.begin()
    page = client.get(respondent.location).get_data(as_text=True)
    assert "<h1>Sizin hakkınızda</h1>" in page
    assert "18 yaşından küçük çocuğunuz var mı?" in page
    # Untranslated German is marked as German for screen readers.
    assert '<span lang="de">Wie viele Personen leben im Haushalt?</span>' in page
    respondent.answer(
        {
            f"q{built.q['district'].id}": district_id(family_process, "Altstadt"),
            f"q{built.q['kids'].id}": "yes",
        }
    )
    page = client.get(respondent.location).get_data(as_text=True)
    assert "Kreş" in page and "En küçük çocuğunuz" in page
    assert "hiç memnun değilim" in page and "çok memnunum" in page
    assert "Tagespflege" in page  # an option without translation stays German


def test_german_participant_sees_german(client, built, family_process):
    _translate_turkish(built)
    page = client.get(f"/p/{family_process.slug}/umfrage/{built.survey.id}/?lang=de")
    body = page.get_data(as_text=True)
    assert "Familienbefragung" in body and "Aile anketi" not in body


def test_review_page_shows_option_labels_in_the_language(client, built, family_process):
    _translate_turkish(built)
    client.get(f"/p/{family_process.slug}/?lang=tr")
    respondent = Respondent(client, family_process, built.survey)
    respondent.begin()
    respondent.answer(
        {
            f"q{built.q['district'].id}": district_id(family_process, "Altstadt"),
            f"q{built.q['kids'].id}": "yes",
        }
    )
    respondent.answer(
        {
            f"q{built.q['care'].id}": built.option("care", "Kita"),
            f"q{built.q['hours'].id}": "4",
        }
    )
    matrix = built.q["matrix"]
    respondent.answer({f"q{matrix.id}_{row.id}": "3" for row in matrix.options})
    review = respondent.review().get_data(as_text=True)
    assert "Kreş" in review


def test_copy_keeps_translations(app, built):
    _translate_turkish(built)
    copy = operations.copy_survey(built.survey)
    db.session.commit()
    assert copy.translations["tr"]["title"] == "Aile anketi"
    assert copy.sections[0].translations["tr"]["title"] == "Sizin hakkınızda"
    assert copy.sections[1].questions[0].options[0].translations["tr"]["label"] == "Kreş"


def test_unchanged_option_keeps_its_translation_when_options_are_edited(app, built):
    _translate_turkish(built)
    question = built.q["care"]
    operations.set_options(question, ["Kita", "Tagespflege", "zu Hause", "Großeltern"])
    db.session.commit()
    assert question.options[0].translations["tr"]["label"] == "Kreş"


def test_lead_enters_translations_on_the_translation_page(
    client, auth, factory, built, family_process
):
    factory.user("lead@rosenau.example", role=Role.LEAD, process=family_process)
    auth.login("lead@rosenau.example")
    url = f"/staff/p/{family_process.slug}/surveys/{built.survey.id}/translations/ar"
    page = client.get(url)
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "Deutsch: Wie wird Ihr jüngstes Kind betreut?" in body
    assert 'dir="rtl"' in body
    key = f"t_survey_{built.survey.id}_title"
    question_key = f"t_survey_question_{built.q['kids'].id}_text"
    response = client.post(url, data={key: "استطلاع العائلات", question_key: "هل لديك أطفال؟"})
    assert response.status_code == 303
    db.session.expire_all()
    survey = db.session.get(Survey, built.survey.id)
    assert survey.translations["ar"]["title"] == "استطلاع العائلات"
    assert built.q["kids"].translations["ar"]["text"] == "هل لديك أطفال؟"
    too_long = client.post(url, data={key: "x" * 201})
    assert too_long.status_code == 422
    assert "error-summary" in too_long.get_data(as_text=True)


def test_translation_page_is_for_managers_only(client, auth, factory, built, family_process):
    factory.user("mod@rosenau.example", role=Role.MODERATOR, process=family_process)
    base = f"/staff/p/{family_process.slug}/surveys/{built.survey.id}/translations"
    auth.login("mod@rosenau.example")
    assert client.get(f"{base}/tr").status_code == 403


def test_translation_page_refuses_unknown_languages(client, auth, factory, built, family_process):
    factory.user("lead@rosenau.example", role=Role.LEAD, process=family_process)
    base = f"/staff/p/{family_process.slug}/surveys/{built.survey.id}/translations"
    auth.login("lead@rosenau.example")
    assert client.get(f"{base}/de").status_code == 404
    assert client.get(f"{base}/xx").status_code == 404
