"""The catalogues are complete where participants read them, and the template is up to date.

German is the source language. Every message needs English; every message a participant can
see (no login) needs Turkish, Arabic, Ukrainian and Leichte Sprache too. Staff-only messages may
stay untranslated in those languages: they fall back to German.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from participation import cli
from participation.extensions import db
from participation.ideas import operations as idea_operations
from participation.surveys import operations as survey_operations
from participation.surveys.models import AccessMode, QuestionType, SurveyState

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"

# Languages a participant can choose, by catalogue name ("ls" in the switch is de_LS).
PARTICIPANT_LANGUAGES = ("en", "tr", "ar", "uk", "de_LS")
CATALOGUES = ("de", *PARTICIPANT_LANGUAGES)

# Source files whose messages participants see without logging in. A path ending in "/" stands
# for everything below it. Python modules are listed whole even where they also hold a few
# staff messages (operations raise errors for both sides).
PARTICIPANT_FILES = (
    # Layout, form macros, error pages.
    "participation/templates/base.html",
    "participation/templates/macros.html",
    "participation/templates/errors/",
    # Start page, process page, privacy, accessibility, imprint.
    "participation/public/",
    # Audit types, phases and the district label shown on public pages; shared enum titles.
    "participation/processes/models.py",
    "participation/contributions/models.py",
    # Surveys: the participant flow, question widgets, answer checks, closed/code/resume errors.
    "participation/surveys/participant_views.py",
    "participation/surveys/answers.py",
    "participation/surveys/operations.py",
    "participation/surveys/templates/surveys/_participant_section.html",
    "participation/surveys/templates/surveys/_questions.html",
    "participation/surveys/templates/surveys/page.html",
    "participation/surveys/templates/surveys/review.html",
    "participation/surveys/templates/surveys/saved.html",
    "participation/surveys/templates/surveys/start.html",
    "participation/surveys/templates/surveys/thanks.html",
    # Idea boards: list, post with preview, discussion, support, report; statuses; spam checks.
    "participation/ideas/views.py",
    "participation/ideas/forms.py",
    "participation/ideas/models.py",
    "participation/ideas/operations.py",
    "participation/ideas/spam.py",
    "participation/ideas/templates/ideas/_macros.html",
    "participation/ideas/templates/ideas/_participant_section.html",
    "participation/ideas/templates/ideas/board.html",
    "participation/ideas/templates/ideas/idea.html",
    "participation/ideas/templates/ideas/new.html",
    "participation/ideas/templates/ideas/preview.html",
    "participation/ideas/templates/ideas/report.html",
)

PLACEHOLDER = re.compile(r"%\(\w+\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")


def _read(path: Path):
    with path.open("rb") as file:
        return read_po(file)


def _messages(catalog) -> dict:
    return {message.id: message for message in catalog if message.id}


def _key(message) -> str:
    """Return the singular msgid (plural messages have a (singular, plural) id)."""
    return message.id[0] if isinstance(message.id, tuple) else message.id


def _is_participant_facing(message) -> bool:
    return any(
        path == entry or (entry.endswith("/") and path.startswith(entry))
        for path, _line in message.locations
        for entry in PARTICIPANT_FILES
    )


def _forms(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def _is_translated(message, num_plurals: int) -> bool:
    forms = _forms(message)
    if message.fuzzy or not all(form.strip() for form in forms):
        return False
    return not message.pluralizable or len(forms) == num_plurals


@pytest.fixture(scope="module")
def template():
    return _read(POT)


@pytest.fixture(scope="module")
def catalogues():
    return {
        language: _read(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po")
        for language in CATALOGUES
    }


def test_template_keeps_source_locations(template):
    messages = [m for m in template if m.id]
    assert messages and all(m.locations for m in messages)
    for message in messages:
        for path, _line in message.locations:
            assert path.startswith("participation/"), path
            assert (ROOT / path).is_file(), path


def test_participant_file_list_names_existing_files(template):
    for entry in PARTICIPANT_FILES:
        assert (ROOT / entry).exists(), entry
        assert any(
            path == entry or (entry.endswith("/") and path.startswith(entry))
            for message in template
            for path, _line in message.locations
        ), f"{entry} has no messages: drop it from PARTICIPANT_FILES"


@pytest.mark.parametrize("language", CATALOGUES)
def test_catalogue_is_merged_with_the_template(template, catalogues, language):
    expected = set(_messages(template))
    actual = set(_messages(catalogues[language]))
    assert actual == expected, "run `python -m participation translate update`"


@pytest.mark.parametrize("language", PARTICIPANT_LANGUAGES)
def test_participant_messages_are_translated(template, catalogues, language):
    catalog = catalogues[language]
    messages = _messages(catalog)
    missing = [
        _key(message)
        for message in template
        if message.id and _is_participant_facing(message)
        if message.id not in messages
        or not _is_translated(messages[message.id], catalog.num_plurals)
    ]
    assert not missing, f"{len(missing)} participant messages untranslated in {language}: {missing}"


def test_every_message_has_english(template, catalogues):
    catalog = catalogues["en"]
    messages = _messages(catalog)
    missing = [
        _key(message)
        for message in template
        if message.id
        if message.id not in messages
        or not _is_translated(messages[message.id], catalog.num_plurals)
    ]
    assert not missing, f"{len(missing)} messages without English: {missing}"


@pytest.mark.parametrize("language", CATALOGUES)
def test_placeholders_are_kept(catalogues, language):
    wrong = []
    for message in catalogues[language]:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        expected = set().union(*(PLACEHOLDER.findall(text) for text in ids))
        for form in _forms(message):
            if form and set(PLACEHOLDER.findall(form)) != expected:
                wrong.append((_key(message), form))
    assert not wrong, wrong


def test_template_is_up_to_date(runner, tmp_path, monkeypatch, template):
    """Extract again with the real command into a temporary folder and compare."""
    monkeypatch.setattr(cli, "TRANSLATIONS", tmp_path)
    result = runner.invoke(args=["translate", "extract"])
    assert result.exit_code == 0, result.output
    fresh = set(_messages(_read(tmp_path / "messages.pot")))
    stored = set(_messages(template))
    assert fresh == stored, (
        f"new: {sorted(map(str, fresh - stored))}; gone: {sorted(map(str, stored - fresh))}; "
        "run `python -m participation translate update` and translate the new messages"
    )


# Pages rendered in every language a participant can choose.

EXPECTED = {
    # language switch code: (text on the process page, text on the survey start page)
    "en": ("Surveys", "Start the survey"),
    "tr": ("Anketler", "Ankete başla"),
    "ar": ("الاستبيانات", "ابدأ الاستبيان"),
    "uk": ("Опитування", "Почати опитування"),
    "ls": ("Umfragen", "Umfrage anfangen"),
}


@pytest.fixture
def open_survey(factory):
    process = factory.process("Familiengerechte Kommune Rosenau", districts=["Altstadt"])
    survey = survey_operations.create_survey(process, "Familienbefragung")
    survey_operations.add_question(
        survey.sections[0], QuestionType.YES_NO, "Haben Sie Kinder?", required=True
    )
    survey_operations.update_survey(
        survey, title=survey.title, state=SurveyState.OPEN, access_mode=AccessMode.OPEN
    )
    idea_operations.create_board(process, "Ideenbörse")
    db.session.commit()
    return process, survey


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_participant_pages_render_translated(client, open_survey, language):
    process, survey = open_survey
    home_text, start_text = EXPECTED[language]
    home = client.get(f"/p/{process.slug}/?lang={language}").get_data(as_text=True)
    assert home_text in home
    start = client.get(f"/p/{process.slug}/umfrage/{survey.id}/?lang={language}")
    assert start.status_code == 200
    assert start_text in start.get_data(as_text=True)


def test_turkish_survey_start_page_reads_turkish(client, open_survey):
    process, survey = open_survey
    body = client.get(f"/p/{process.slug}/umfrage/{survey.id}/?lang=tr").get_data(as_text=True)
    assert 'lang="tr"' in body
    assert "Ankete başla" in body and "Umfrage beginnen" not in body


@pytest.mark.parametrize("path", ["/", "/p/{slug}/", "/p/{slug}/umfrage/{survey}/", "/datenschutz"])
def test_arabic_pages_are_right_to_left(client, open_survey, path):
    process, survey = open_survey
    url = path.format(slug=process.slug, survey=survey.id)
    body = client.get(f"{url}?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in body
