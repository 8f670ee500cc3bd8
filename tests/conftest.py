"""Shared fixtures: an app on a migrated database (SQLite, or PostgreSQL via TEST_DATABASE_URL)."""

from __future__ import annotations

import contextvars
import os
from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient
from sqlalchemy import MetaData, create_engine, text

from participation import create_app
from participation.cli import upgrade_database
from participation.extensions import db

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
PASSWORD = "ein-sicheres-testpasswort"


def reset_database(url: str) -> None:
    """Drop every table (also ones of other branches) so migrations run from empty."""
    engine = create_engine(url)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        else:
            metadata = MetaData()
            metadata.reflect(connection)
            metadata.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    if TEST_DATABASE_URL:
        return TEST_DATABASE_URL
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture(scope="session")
def base_config(database_url, tmp_path_factory) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "INSTANCE_PATH": str(tmp_path_factory.mktemp("instance")),
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "RATELIMIT_STORAGE_URI": "memory://",
        "SERVER_NAME": "localhost",
        "NLP_SUGGESTION_WAIT_SECONDS": None,  # tests wait for the field suggestion
    }


@pytest.fixture(scope="session")
def migrated(database_url, base_config):
    """Run the real migrations once per test session, from an empty database."""
    reset_database(database_url)
    app = create_app(dict(base_config))
    with app.app_context():
        upgrade_database()
        db.engine.dispose()
    return True


def clean_tables() -> None:
    tables = list(reversed(db.metadata.sorted_tables))
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


class IsolatedClient(FlaskClient):
    """Run each request in a fresh context, as a real server would.

    The test's own app context (for direct database access) would otherwise be shared with
    the requests, and with it `g`, where Flask-Login keeps the signed-in user.
    """

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture
def make_app(migrated, base_config):
    """Return a factory for apps with extra settings; tables are emptied after the test."""
    apps = []

    def factory(**overrides):
        app = create_app({**base_config, **overrides})
        app.test_client_class = IsolatedClient
        apps.append(app)
        return app

    yield factory
    if apps:
        with apps[0].app_context():
            db.session.remove()
            clean_tables()
        for each in apps:
            with each.app_context():
                db.session.remove()
                db.engine.dispose()


@pytest.fixture
def app(make_app):
    app = make_app()
    with app.app_context():
        yield app
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@dataclass
class Factory:
    """Small builders for test data."""

    def process(self, name="Familiengerechte Kommune Teststadt", audit_type=None, **kwargs):
        from participation.processes.models import AuditType, Municipality
        from participation.processes.operations import create_process

        audit_type = audit_type or AuditType.FAMILY_MUNICIPALITY
        municipality = Municipality(name=kwargs.pop("municipality", "Teststadt"))
        process = create_process(municipality, name, audit_type, **kwargs)
        db.session.commit()
        return process

    def user(self, email="lead@test.example", role=None, process=None, password=PASSWORD):
        from participation.accounts import operations
        from participation.accounts.models import Role

        role = role or Role.LEAD
        user = operations.create_user(
            email, email.split("@")[0], password, is_admin=role is Role.ADMIN
        )
        if role is not Role.ADMIN:
            operations.grant_role(user, process, role)
        db.session.commit()
        return user


@pytest.fixture
def factory(app) -> Factory:
    return Factory()


class AuthActions:
    def __init__(self, client):
        self.client = client

    def login(self, email="lead@test.example", password=PASSWORD):
        return self.client.post("/staff/login", data={"email": email, "password": password})

    def logout(self):
        return self.client.post("/staff/logout")


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)
