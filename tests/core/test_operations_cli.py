"""Backup and restore of the embedded database; production refuses demo data."""

import sqlite3

import pytest
from sqlalchemy import func, select

from participation import create_app
from participation.cli import upgrade_database
from participation.extensions import db
from participation.processes.models import Process


@pytest.fixture
def sqlite_app(tmp_path):
    app = create_app(
        {
            "SECRET_KEY": "x",
            "INSTANCE_PATH": str(tmp_path),
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'live.db'}",
        }
    )
    with app.app_context():
        upgrade_database()
        yield app
        db.session.remove()
        db.engine.dispose()


def process_count():
    return db.session.scalar(select(func.count()).select_from(Process))


def test_backup_and_restore_round_trip(sqlite_app, tmp_path):
    runner = sqlite_app.test_cli_runner()
    assert runner.invoke(args=["setup"]).exit_code == 0
    assert process_count() == 2
    backup = tmp_path / "sicherung.db"
    result = runner.invoke(args=["backup", "--out", str(backup)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(backup) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert check.execute("SELECT count(*) FROM process").fetchone()[0] == 2
    db.session.execute(Process.__table__.delete().where(Process.slug == "sonnenhang"))
    db.session.commit()
    assert process_count() == 1
    result = runner.invoke(args=["restore", str(backup), "--yes"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    assert process_count() == 2


def test_restore_refuses_a_file_that_is_no_backup(sqlite_app, tmp_path):
    runner = sqlite_app.test_cli_runner()
    runner.invoke(args=["setup"])
    junk = tmp_path / "kaputt.db"
    junk.write_bytes(b"this is not a database" * 100)
    result = runner.invoke(args=["restore", str(junk), "--yes"])
    assert result.exit_code != 0
    assert "keine gültige Sicherung" in result.output
    assert process_count() == 2


def test_backup_refuses_postgresql(make_app):
    app = make_app()
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://x@127.0.0.1/x"
    result = app.test_cli_runner().invoke(args=["backup"])
    assert result.exit_code != 0 and "pg_dump" in result.output


def test_production_never_loads_demo_data(sqlite_app):
    sqlite_app.config["APP_ENV"] = "production"
    runner = sqlite_app.test_cli_runner()
    result = runner.invoke(args=["setup"])
    assert "keine Demodaten" in result.output
    assert process_count() == 0
    assert runner.invoke(args=["demo"]).exit_code != 0
