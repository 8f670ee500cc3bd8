"""Locale selection; re-exports the gettext helpers used across the app."""

from __future__ import annotations

from flask import current_app, has_request_context, request
from flask_babel import get_locale, gettext, lazy_gettext, ngettext

_ = gettext
_l = lazy_gettext

__all__ = ["_", "_l", "ngettext", "get_locale", "select_locale", "LANGUAGE_COOKIE", "RTL_LANGUAGES"]

LANGUAGE_COOKIE = "lang"
RTL_LANGUAGES = {"ar"}


def select_locale() -> str:
    """Pick the language: explicit ?lang=, then the remembered choice, then Accept-Language."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    for candidate in (request.args.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        if candidate in languages:
            return candidate
    return request.accept_languages.best_match(list(languages)) or "de"


def text_direction() -> str:
    """Return "rtl" for right-to-left languages, else "ltr"."""
    return "rtl" if str(get_locale()) in RTL_LANGUAGES else "ltr"
