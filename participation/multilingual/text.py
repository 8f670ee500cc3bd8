"""Pick the participant's language for a staff-entered text, German when none is given."""

from __future__ import annotations

from flask import current_app
from markupsafe import Markup, escape

from participation.i18n import EASY_LANGUAGE, RTL_LANGUAGES, current_language

SOURCE_LANGUAGE = "de"


def translation_languages() -> list[str]:
    """The languages staff may enter texts in: every offered language except German."""
    return [code for code in current_app.config["LANGUAGES"] if code != SOURCE_LANGUAGE]


def translation_of(obj, field: str, language: str) -> str:
    """Return the stored translation of `field` in `language`, or ""."""
    return ((getattr(obj, "translations", None) or {}).get(language) or {}).get(field) or ""


def localized(obj, field: str, language: str | None = None) -> str:
    """Return `obj.<field>` in the participant's language, falling back to German."""
    language = language or current_language()
    if language != SOURCE_LANGUAGE:
        text = translation_of(obj, field, language)
        if text:
            return text
    return getattr(obj, field) or ""


def localized_lines(obj, field: str, count: int | None = None) -> list[str]:
    """Return a list field (one entry per line in the translation), German where a line is empty."""
    german = list(getattr(obj, field) or [])
    language = current_language()
    translated = translation_of(obj, field, language).split("\n") if language != "de" else []
    size = len(german) if count is None else count
    lines = []
    for index in range(size):
        own = translated[index].strip() if index < len(translated) else ""
        lines.append(own or (german[index] if index < len(german) else ""))
    return lines


def is_fallback(obj, field: str) -> bool:
    """Whether the participant reads German although another language was chosen."""
    language = current_language()
    if language in (SOURCE_LANGUAGE, EASY_LANGUAGE):
        return False
    return not translation_of(obj, field, language) and bool(getattr(obj, field))


def localized_html(obj, field: str) -> Markup:
    """Return the escaped text; German shown on a page in another language is marked lang="de".

    Screen readers then switch their voice for the untranslated text (WCAG 3.1.2).
    """
    text = localized(obj, field)
    if not is_fallback(obj, field):
        return escape(text)
    direction = ' dir="ltr"' if current_language() in RTL_LANGUAGES else ""
    return Markup('<span lang="de"%s>%s</span>') % (Markup(direction), text)
