"""One configuration, read from the environment, with embedded defaults for a laptop."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

# Code → name in its own language, in the order of the language switch.
LANGUAGES = {
    "de": "Deutsch",
    "ls": "Leichte Sprache",
    "en": "English",
    "tr": "Türkçe",
    "ar": "العربية",
    "uk": "Українська",
}


class ConfigError(RuntimeError):
    """The configuration is unusable; the message is one line meant for the operator."""


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def _secret_key(env: Mapping[str, str], instance_path: Path, production: bool) -> str:
    if env.get("SECRET_KEY"):
        return env["SECRET_KEY"]
    if production:
        raise ConfigError(
            "SECRET_KEY ist nicht gesetzt: im Produktivbetrieb (APP_ENV=production) muss "
            "SECRET_KEY als Umgebungsvariable gesetzt sein."
        )
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key


def _database_url(env: Mapping[str, str], instance_path: Path) -> str:
    url = env.get("DATABASE_URL") or f"sqlite:///{instance_path / 'participation.db'}"
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://") :]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(f"DATABASE_URL ist keine gültige Datenbank-Adresse: {url!r}") from exc
    if parsed.get_backend_name() not in {"sqlite", "postgresql"}:
        raise ConfigError(
            f"DATABASE_URL nennt die Datenbank {parsed.get_backend_name()!r}; "
            "unterstützt sind sqlite und postgresql."
        )
    return url


def load_config(instance_path: str | Path, env: Mapping[str, str] | None = None) -> dict:
    """Return the settings for the app, read from `env` (default: os.environ)."""
    env = os.environ if env is None else env
    instance_path = Path(instance_path)
    production = env.get("APP_ENV", "development").lower() == "production"
    database_url = _database_url(env, instance_path)
    settings = {
        "APP_ENV": "production" if production else "development",
        "SECRET_KEY": _secret_key(env, instance_path, production),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "MAX_CONTENT_LENGTH": int(env.get("MAX_CONTENT_LENGTH", 2 * 1024 * 1024)),
        "BABEL_DEFAULT_LOCALE": "de",
        "BABEL_DEFAULT_TIMEZONE": env.get("TIMEZONE", "Europe/Berlin"),
        "BABEL_TRANSLATION_DIRECTORIES": str(
            Path(__file__).resolve().parent.parent / "translations"
        ),
        "LANGUAGES": LANGUAGES,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool(env.get("SESSION_COOKIE_SECURE"), production),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SECURE": _bool(env.get("SESSION_COOKIE_SECURE"), production),
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        "WTF_CSRF_TIME_LIMIT": 6 * 3600,
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": _bool(env.get("RATELIMIT_ENABLED"), True),
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_MAX_FAILURES": int(env.get("LOGIN_MAX_FAILURES", 5)),
        "LOGIN_LOCKOUT_MINUTES": int(env.get("LOGIN_LOCKOUT_MINUTES", 15)),
        "PASSWORD_MIN_LENGTH": int(env.get("PASSWORD_MIN_LENGTH", 12)),
        "NLP_MODEL_DIR": env.get("NLP_MODEL_DIR", str(instance_path / "nlp-models")),
        "BACKUP_DIR": env.get("BACKUP_DIR", str(instance_path / "backups")),
        "NLP_SUGGESTION_WAIT_SECONDS": float(env.get("NLP_SUGGESTION_WAIT_SECONDS", 3)),
        "PROXY_COUNT": int(env.get("PROXY_COUNT", 0)),
        "CHECK_DATABASE_ON_START": _bool(env.get("CHECK_DATABASE_ON_START"), True),
        # Idea boards: a form sent faster than this many seconds after it was shown is refused.
        # The accessibility statement (BITV 2.0 § 7): its date, the feedback contact, and the
        # enforcement body of the municipality's federal state (Land).
        "ACCESSIBILITY_STATEMENT_DATE": env.get("ACCESSIBILITY_STATEMENT_DATE", "2026-11-22"),
        "ACCESSIBILITY_CONTACT_EMAIL": env.get(
            "ACCESSIBILITY_CONTACT_EMAIL", "barrierefreiheit@rosenau.example"
        ),
        "ACCESSIBILITY_CONTACT_PHONE": env.get("ACCESSIBILITY_CONTACT_PHONE", "07000 1234-0"),
        "ACCESSIBILITY_ENFORCEMENT_BODY": env.get(
            "ACCESSIBILITY_ENFORCEMENT_BODY",
            "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz, Mauerstraße 53, "
            "10117 Berlin, www.schlichtungsstelle-bgg.de",
        ),
        "IDEAS_MIN_FILL_SECONDS": float(env.get("IDEAS_MIN_FILL_SECONDS", 3)),
        "IDEAS_MAX_LINKS": int(env.get("IDEAS_MAX_LINKS", 3)),
    }
    return settings


def engine_options(database_url: str) -> dict:
    """Return SQLAlchemy engine options suited to the database."""
    if database_url.startswith("sqlite"):
        return {"connect_args": {"timeout": 30}}
    return {"pool_pre_ping": True, "pool_size": 10, "max_overflow": 20}
