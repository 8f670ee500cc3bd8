"""Locale selection, Leichte Sprache, right-to-left; re-exports the gettext helpers."""

from __future__ import annotations

from functools import cached_property

from babel import support
from flask import current_app, g, has_request_context, request
from flask_babel import Babel, Domain, get_locale, gettext, lazy_gettext, ngettext
from flask_babel import _get_current_context as _babel_context

_ = gettext
_l = lazy_gettext

__all__ = [
    "_",
    "_l",
    "ngettext",
    "get_locale",
    "select_locale",
    "current_language",
    "LANGUAGE_COOKIE",
    "RTL_LANGUAGES",
    "EASY_LANGUAGE",
    "PlatformBabel",
    "in_german",
]

LANGUAGE_COOKIE = "lang"
RTL_LANGUAGES = {"ar"}
# Leichte Sprache (plain German) is a language of its own in the switch; dates and numbers are
# formatted as German, the texts come from the catalogue in translations/de_LS.
EASY_LANGUAGE = "ls"
EASY_CATALOGUE = "de_LS"


def requested_language() -> str:
    """Return the language code chosen for this request (one of LANGUAGES)."""
    languages = current_app.config["LANGUAGES"]
    for candidate in (request.args.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        if candidate in languages:
            return candidate
    offered = [code for code in languages if code != EASY_LANGUAGE]
    return request.accept_languages.best_match(offered) or "de"


def select_locale() -> str:
    """Pick the locale: explicit ?lang=, then the remembered choice, then Accept-Language."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    language = requested_language()
    g.language = language
    return "de" if language == EASY_LANGUAGE else language


def current_language() -> str:
    """Return the chosen language code, "ls" included (get_locale() says "de" for it)."""
    get_locale()
    return g.get("language", str(get_locale())) if has_request_context() else "de"


def text_direction() -> str:
    """Return "rtl" for right-to-left languages, else "ltr"."""
    return "rtl" if str(get_locale()) in RTL_LANGUAGES else "ltr"


def in_german(message) -> str:
    """Return a lazy message in German: stored data (names, default labels) are kept in German,
    whatever language the staff member's browser asks for."""
    from flask_babel import force_locale

    if not has_request_context():
        with force_locale("de"):
            return str(message)
    saved = g.get("language")
    g.language = "de"
    try:
        with force_locale("de"):
            return str(message)
    finally:
        if saved is None:
            g.pop("language", None)
        else:
            g.language = saved


class PlainLanguageDomain(Domain):
    """The message domain, with Leichte Sprache served from its own catalogue."""

    def get_translations(self):
        if not has_request_context() or current_language() != EASY_LANGUAGE:
            return super().get_translations()
        cache = self.get_translations_cache(_babel_context())
        key = (EASY_CATALOGUE, self.domain[0])
        if key not in cache:
            translations = support.Translations()
            for dirname in self.translation_directories:
                translations.merge(
                    support.Translations.load(dirname, [EASY_CATALOGUE], self.domain[0])
                )
            cache[key] = translations
        return cache[key]


class PlatformBabel(Babel):
    @cached_property
    def domain_instance(self):
        return PlainLanguageDomain(domain=self.domain)
