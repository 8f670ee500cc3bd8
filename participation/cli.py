"""Flask commands: set-up, serving, demo data, staff users, translations, backups."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from datetime import datetime
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import func, inspect, select

from participation.extensions import db

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"


def init_app(app: Flask) -> None:
    for command in (setup_command, serve_command, demo_command, backup_command, restore_command):
        app.cli.add_command(command)
    app.cli.add_command(users_cli)
    app.cli.add_command(translate_cli)


def upgrade_database() -> None:
    """Bring the database schema to the newest revision of every migration branch."""
    from flask_migrate import upgrade

    upgrade(revision="heads")


@click.command("setup")
@click.option("--no-demo", is_flag=True, help="Keine Demodaten laden.")
@with_appcontext
def setup_command(no_demo: bool) -> None:
    """Migrate the database and load the demo when it is empty."""
    upgrade_database()
    from participation.processes.models import Process

    production = current_app.config["APP_ENV"] == "production"
    empty = not db.session.scalar(select(func.count()).select_from(Process))
    if empty and production and not no_demo:
        click.echo(
            "Produktivbetrieb: keine Demodaten (sie haben ein bekanntes Passwort). Legen Sie ein "
            "Konto an mit: python -m participation users create --role admin"
        )
    elif not no_demo and empty:
        from participation.demo import DEMO_PASSWORD, load_demo

        users = load_demo()
        click.echo("Demodaten geladen. Anmeldung für Mitarbeitende unter /staff/login:")
        for email, role in users:
            click.echo(f"  {role:<28} {email}  Passwort: {DEMO_PASSWORD}")
    else:
        click.echo("Datenbank ist auf dem neuesten Stand.")
        if not production:
            _remind_demo_login()


def _remind_demo_login() -> None:
    """Print the demo login again when the demo accounts still have the demo password."""
    from participation.accounts.operations import _verify, find_user
    from participation.demo import DEMO_PASSWORD

    user = find_user("projektleitung@rosenau.example")
    if user is not None and _verify(user.password_hash, DEMO_PASSWORD):
        click.echo(
            "Demo-Anmeldung unter /staff/login: projektleitung@rosenau.example "
            f"(auch admin@, moderation@, audit@rosenau.example), Passwort: {DEMO_PASSWORD}"
        )


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=lambda: int(os.environ.get("PORT", 5000)), type=int)
@with_appcontext
def serve_command(host: str, port: int) -> None:
    """Serve the app (development server; use gunicorn in production)."""
    import logging

    from werkzeug.serving import run_simple

    # The development server would print every client's IP address; keep only warnings.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = current_app._get_current_object()
    click.echo(f"Beteiligungsplattform läuft auf http://{host}:{port}/ (Strg+C beendet)")
    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)


@click.command("demo")
@click.option("--force", is_flag=True, help="Auch laden, wenn schon Verfahren existieren.")
@with_appcontext
def demo_command(force: bool) -> None:
    """Load the demo municipality with its processes, staff and contributions."""
    from participation.demo import DEMO_PASSWORD, load_demo
    from participation.processes.models import Process

    if current_app.config["APP_ENV"] == "production":
        raise click.ClickException(
            "Im Produktivbetrieb werden keine Demodaten geladen (bekanntes Passwort)."
        )
    if db.session.scalar(select(func.count()).select_from(Process)) and not force:
        raise click.ClickException("Es gibt schon Verfahren; mit --force trotzdem laden.")
    for email, role in load_demo():
        click.echo(f"{role:<28} {email}  Passwort: {DEMO_PASSWORD}")


users_cli = AppGroup("users", help="Konten der Mitarbeitenden verwalten.")


@users_cli.command("create")
@click.option("--email", prompt="E-Mail-Adresse")
@click.option("--name", "display_name", default="", help="Anzeigename")
@click.option(
    "--role", type=click.Choice(["admin", "lead", "moderator", "auditor"]), default="lead"
)
@click.option("--process", "process_slug", default=None, help="Kurzname (slug) des Verfahrens")
@click.password_option(
    "--password", prompt="Passwort", help="Wird abgefragt, wenn nicht angegeben."
)
@with_appcontext
def users_create(email, display_name, role, process_slug, password):
    """Create a staff account with a role (admin, or a role in one process)."""
    from participation.accounts import operations
    from participation.accounts.models import Role
    from participation.processes.models import Process

    role = Role(role)
    process = None
    if role is not Role.ADMIN:
        if not process_slug:
            raise click.ClickException("Für diese Rolle bitte --process angeben.")
        process = db.session.scalar(select(Process).where(Process.slug == process_slug))
        if process is None:
            raise click.ClickException(f"Verfahren {process_slug!r} gibt es nicht.")
    try:
        user = operations.create_user(
            email, display_name or email, password, is_admin=role is Role.ADMIN
        )
        if process is not None:
            operations.grant_role(user, process, role)
        operations.log_action("user_created", f"staff_user:{user.id}", process=process)
        db.session.commit()
    except operations.AccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    click.echo(f"Konto {user.email} angelegt ({role.value}).")


@users_cli.command("list")
@with_appcontext
def users_list():
    """List staff accounts and their roles."""
    from participation.accounts.models import StaffUser

    for user in db.session.scalars(select(StaffUser).order_by(StaffUser.email)):
        roles = ["admin"] if user.is_admin else []
        roles += [f"{m.role.value}@{m.process.slug}" for m in user.memberships]
        click.echo(f"{user.email}\t{user.display_name}\t{', '.join(roles) or '-'}")


translate_cli = AppGroup("translate", help="Übersetzungen extrahieren, aktualisieren, kompilieren.")


def _pybabel(*args: str) -> None:
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(["pybabel", *args])


@translate_cli.command("extract")
def translate_extract():
    """Extract messages from Python and templates into translations/messages.pot."""
    # From the project root, so source locations read "participation/..." in every checkout.
    with contextlib.chdir(ROOT):
        _pybabel(
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "--sort-output",
            "-o",
            str(TRANSLATIONS / "messages.pot"),
            "participation",
        )


@translate_cli.command("update")
def translate_update():
    """Extract, then merge new messages into every catalogue."""
    translate_extract.callback()
    _pybabel(
        "update",
        "--no-fuzzy-matching",
        "-i",
        str(TRANSLATIONS / "messages.pot"),
        "-d",
        str(TRANSLATIONS),
    )


@translate_cli.command("init")
@click.argument("language")
def translate_init(language):
    """Start a catalogue for a new language."""
    _pybabel(
        "init", "-i", str(TRANSLATIONS / "messages.pot"), "-d", str(TRANSLATIONS), "-l", language
    )


@translate_cli.command("compile")
@click.option("--quiet", is_flag=True)
def translate_compile(quiet):
    """Compile every catalogue to .mo files."""
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(
        ["pybabel", *(["-q"] if quiet else []), "compile", "-d", str(TRANSLATIONS)]
    )


def _sqlite_path() -> Path:
    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    if not url.startswith("sqlite:///"):
        raise click.ClickException(
            "backup/restore gilt für die eingebettete SQLite-Datenbank; für PostgreSQL "
            "bitte pg_dump/pg_restore verwenden (siehe README)."
        )
    return Path(url[len("sqlite:///") :])


@click.command("backup")
@click.option("--out", "out_path", default=None, help="Zieldatei (Standard: instance/backups/…)")
@with_appcontext
def backup_command(out_path):
    """Write a consistent online backup of the SQLite database."""
    source = _sqlite_path()
    target = (
        Path(out_path)
        if out_path
        else Path(current_app.config["BACKUP_DIR"])
        / (f"participation-{datetime.now():%Y%m%d-%H%M%S}.db")
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    with sqlite3.connect(source) as src, sqlite3.connect(partial) as dst:
        src.backup(dst)
    partial.replace(target)
    click.echo(f"Sicherung geschrieben: {target}")


@click.command("restore")
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Ohne Rückfrage überschreiben.")
@with_appcontext
def restore_command(backup_file, yes):
    """Replace the SQLite database with a backup (after checking the backup is sound)."""
    target = _sqlite_path()
    with sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True) as check:
        try:
            ok = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            tables = {r[0] for r in check.execute("SELECT name FROM sqlite_master")}
        except sqlite3.DatabaseError:
            ok, tables = False, set()
    if not ok or "process" not in tables:
        raise click.ClickException(f"{backup_file} ist keine gültige Sicherung dieser Plattform.")
    if not yes:
        click.confirm(f"Datenbank {target} durch {backup_file} ersetzen?", abort=True)
    db.engine.dispose()
    with sqlite3.connect(backup_file) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    click.echo(f"Wiederhergestellt aus {backup_file}.")


def schema_is_current() -> bool:
    """Return whether the database has every table the models define."""
    existing = set(inspect(db.engine).get_table_names())
    return set(db.metadata.tables) <= existing


def main(argv: list[str] | None = None) -> None:
    """Entry point of `python -m participation`: a configuration error is one line, no traceback."""
    from flask.cli import FlaskGroup

    from participation import ConfigError, create_app

    try:
        app = create_app()
    except ConfigError as error:
        click.echo(f"Fehler: {error}", err=True)
        sys.exit(1)
    cli = FlaskGroup(create_app=lambda: app, add_default_commands=True, load_dotenv=False)
    cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="python -m participation")
