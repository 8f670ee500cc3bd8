"""The participation platform: create_app reads like a table of contents."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, render_template, request
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from participation.config import ConfigError, engine_options, load_config
from participation.extensions import babel, csrf, db, limiter, login_manager, migrate
from participation.sections import init_sections

__all__ = ["create_app", "ConfigError"]

MIGRATIONS_DIR = str(Path(__file__).resolve().parent.parent / "migrations")


def create_app(config: dict | None = None) -> Flask:
    """Create the application; `config` overrides settings read from the environment."""
    app = Flask(__name__, instance_relative_config=True)
    instance_path = Path((config or {}).get("INSTANCE_PATH", app.instance_path))
    app.config.update(load_config(instance_path))
    if config:
        app.config.update(config)
    app.config.setdefault(
        "SQLALCHEMY_ENGINE_OPTIONS", engine_options(app.config["SQLALCHEMY_DATABASE_URI"])
    )
    if app.config.get("PROXY_COUNT"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    register_extensions(app)
    init_sections(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_request_hooks(app)
    register_commands(app)
    if app.config.get("CHECK_DATABASE_ON_START"):
        check_database(app)
    return app


def register_extensions(app: Flask) -> None:
    import participation.models  # noqa: F401  (every table known to metadata and Alembic)
    from participation.i18n import select_locale

    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    login_manager.init_app(app)
    limiter.init_app(app)


def register_blueprints(app: Flask) -> None:
    from participation import accounts, ideas, multilingual, processes, public, surveys, workshop

    for feature in (public, accounts, processes, surveys, ideas, workshop, multilingual):
        feature.init_app(app)


def register_errorhandlers(app: Flask) -> None:
    def render_error(error):
        code = getattr(error, "code", 500) or 500
        if code == 500:
            db.session.rollback()
        return render_template("errors/error.html", code=code, error=error), code

    for code in (400, 401, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(code, render_error)

    from flask_wtf.csrf import CSRFError

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_template("errors/error.html", code=400, error=error, csrf=True), 400


def register_request_hooks(app: Flask) -> None:
    from participation.i18n import LANGUAGE_COOKIE, current_language, get_locale, text_direction

    @app.context_processor
    def inject_layout():
        return {
            "current_locale": str(get_locale()),
            "current_language": current_language(),
            "text_direction": text_direction(),
            "languages": app.config["LANGUAGES"],
        }

    @app.after_request
    def security_headers(response):
        headers = response.headers
        headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        )
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        chosen = request.args.get("lang")
        if chosen in app.config["LANGUAGES"] and request.cookies.get(LANGUAGE_COOKIE) != chosen:
            response.set_cookie(
                LANGUAGE_COOKIE,
                chosen,
                max_age=365 * 24 * 3600,
                samesite="Lax",
                secure=app.config["SESSION_COOKIE_SECURE"],
                httponly=True,
            )
        return response


def register_commands(app: Flask) -> None:
    from participation.cli import init_app

    init_app(app)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """Turn on foreign keys and WAL for SQLite connections (no effect on PostgreSQL)."""
    module = type(dbapi_connection).__module__
    if module.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()


def check_database(app: Flask) -> None:
    """Connect once, so a wrong or unreachable DATABASE_URL stops start-up with one clear line."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    with app.app_context():
        try:
            with db.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception as exc:  # noqa: BLE001 - any driver error means the same to the operator
            safe = db.engine.url.render_as_string(hide_password=True)
            reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0][:200]
            raise ConfigError(f"Datenbank nicht erreichbar ({safe}): {reason}") from None


logging.getLogger("participation").addHandler(logging.NullHandler())
