"""Spam defence without third-party services: form tokens with a minimum fill time, links, cookies."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from participation.i18n import _

SUPPORTER_COOKIE = "ideen_teilnahme"
_TOKEN_SALT = "ideas-form-token"
# A form older than this is refused: the page was open for days, please reload.
FORM_TOKEN_MAX_AGE = 7 * 24 * 3600
_URL = re.compile(r"(?i)\b(?:https?://|www\.)\S+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class SpamError(ValueError):
    """A submission looked automated or broke a limit; the message is shown to the person.

    `renew_token` says the form needs a fresh token (the one sent was forged or expired).
    """

    def __init__(self, message: str, *, renew_token: bool = False):
        super().__init__(message)
        self.renew_token = renew_token


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_TOKEN_SALT)


def issue_form_token() -> str:
    """Return a signed, timestamped one-time key for a new form."""
    return _serializer().dumps(secrets.token_hex(16))


def check_form_token(token: str | None, *, now: float | None = None) -> str:
    """Return the form's one-time key, or refuse a forged token or a form filled too fast."""
    try:
        key, signed_at = _serializer().loads(
            token or "", max_age=FORM_TOKEN_MAX_AGE, return_timestamp=True
        )
    except BadSignature:
        raise SpamError(
            _(
                "Das Formular ist abgelaufen oder ungültig. Bitte laden Sie die Seite neu; "
                "Ihr Text bleibt erhalten."
            ),
            renew_token=True,
        ) from None
    if not isinstance(key, str) or not re.fullmatch(r"[0-9a-f]{32}", key):
        raise SpamError(
            _("Das Formular ist ungültig. Bitte laden Sie die Seite neu."), renew_token=True
        )
    elapsed = (time.time() if now is None else now) - signed_at.timestamp()
    if elapsed < float(current_app.config.get("IDEAS_MIN_FILL_SECONDS", 3)):
        raise SpamError(
            _(
                "Das ging sehr schnell. Bitte prüfen Sie Ihren Text und senden Sie ihn "
                "dann noch einmal ab."
            )
        )
    return key


def check_honeypot(value: str | None) -> None:
    if value:
        raise SpamError(_("Bitte lassen Sie das Feld „Website“ leer."))


def count_links(text: str) -> int:
    return len(_URL.findall(text or ""))


def check_links(text: str) -> None:
    limit = int(current_app.config.get("IDEAS_MAX_LINKS", 3))
    if count_links(text) > limit:
        raise SpamError(_("Bitte höchstens %(n)s Links angeben.", n=limit))


def clean_text(value: str | None) -> str:
    """Strip a text, unify line ends and drop control characters (PostgreSQL refuses NUL)."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value).strip()


def supporter_hash(cookie_value: str) -> str:
    """Return the stored stand-in of a supporter cookie; the cookie itself is never stored."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, cookie_value.encode(), hashlib.sha256).hexdigest()


def new_supporter_cookie() -> str:
    return secrets.token_urlsafe(24)


def valid_supporter_cookie(value: str | None) -> bool:
    return bool(value) and 20 <= len(value) <= 64 and re.fullmatch(r"[A-Za-z0-9_-]+", value)
