import subprocess
import sys

import pytest

from participation import ConfigError, create_app
from participation.config import load_config


def test_factory_uses_overrides(app):
    assert app.testing
    assert app.config["SECRET_KEY"] == "test-secret-key"


def test_default_database_is_sqlite_in_instance(tmp_path):
    settings = load_config(tmp_path, env={})
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'participation.db'}"


def test_secret_key_generated_once_and_kept(tmp_path):
    first = load_config(tmp_path, env={})["SECRET_KEY"]
    second = load_config(tmp_path, env={})["SECRET_KEY"]
    assert first == second and len(first) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_refuses_to_start_without_secret_key(tmp_path):
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_config(tmp_path, env={"APP_ENV": "production"})


def test_production_uses_secure_cookies(tmp_path):
    settings = load_config(tmp_path, env={"APP_ENV": "production", "SECRET_KEY": "x" * 40})
    assert settings["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize("url", ["nonsense", "mysql://user@localhost/db"])
def test_wrong_database_url_is_one_clear_error(tmp_path, url):
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        load_config(tmp_path, env={"DATABASE_URL": url})


def test_postgres_scheme_is_normalised(tmp_path):
    settings = load_config(tmp_path, env={"DATABASE_URL": "postgres://u@h/db"})
    assert settings["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")


def test_unreachable_database_stops_start_up(tmp_path):
    with pytest.raises(ConfigError, match="nicht erreichbar"):
        create_app(
            {
                "INSTANCE_PATH": str(tmp_path),
                "SECRET_KEY": "x",
                "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:1/none",
            }
        )


def test_command_line_prints_one_line_not_a_traceback(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none",
        "SECRET_KEY": "x",
    }
    result = subprocess.run(
        [sys.executable, "-m", "participation", "setup"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Fehler: Datenbank nicht erreichbar")
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_healthz_checks_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers
    secure = client.get("/", base_url="https://localhost")
    assert "max-age" in secure.headers["Strict-Transport-Security"]


@pytest.mark.parametrize("path,code", [("/gibt-es-nicht", 404), ("/staff/users", 302)])
def test_error_pages_are_german_and_in_layout(client, path, code):
    response = client.get(path)
    assert response.status_code == code
    if code == 404:
        body = response.get_data(as_text=True)
        assert "Seite nicht gefunden" in body and 'lang="de"' in body


def test_413_page(make_app):
    app = make_app(MAX_CONTENT_LENGTH=100)
    response = app.test_client().post("/staff/login", data={"email": "a" * 500, "password": "x"})
    assert response.status_code == 413
    assert "zu groß" in response.get_data(as_text=True)


def test_500_page_is_german(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.route("/kaputt")
    def broken():
        raise RuntimeError("boom")

    response = app.test_client().get("/kaputt")
    assert response.status_code == 500
    assert "Ein Fehler ist aufgetreten" in response.get_data(as_text=True)
