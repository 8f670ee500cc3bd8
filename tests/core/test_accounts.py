import pytest

from participation.accounts import operations
from participation.accounts.models import AuditLogEntry, Role, StaffUser
from participation.extensions import db
from tests.conftest import PASSWORD


def test_login_and_logout(client, factory, auth):
    process = factory.process()
    factory.user(process=process)
    response = auth.login()
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200
    assert auth.logout().status_code == 302
    assert client.get("/staff/").status_code == 302


def test_password_is_stored_as_argon2(factory, app):
    process = factory.process()
    user = factory.user(process=process)
    assert user.password_hash.startswith("$argon2")
    assert PASSWORD not in user.password_hash


def test_wrong_password_is_refused_in_german(client, factory, auth):
    factory.user(process=factory.process())
    response = auth.login(password="falsch-falsch-falsch")
    assert response.status_code == 422
    assert "E-Mail-Adresse oder Passwort ist falsch" in response.get_data(as_text=True)


def test_lockout_after_repeated_failures(client, factory, auth, app):
    factory.user(process=factory.process())
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        auth.login(password="falsch-falsch-falsch")
    response = auth.login()  # the right password, but locked
    assert response.status_code == 422
    assert "vorübergehend gesperrt" in response.get_data(as_text=True)
    assert db.session.query(AuditLogEntry).filter_by(action="login_locked").count() == 1


def test_short_password_refused(app):
    with pytest.raises(operations.AccountError, match="mindestens"):
        operations.create_user("x@test.example", "X", "kurz")


def test_duplicate_email_refused(factory):
    process = factory.process()
    factory.user(process=process)
    with pytest.raises(operations.AccountError, match="schon ein Konto"):
        operations.create_user("LEAD@test.example", "X", PASSWORD)


def test_users_create_command(runner, factory):
    process = factory.process()
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "neu@test.example",
            "--role",
            "moderator",
            "--process",
            process.slug,
            "--password",
            PASSWORD,
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.query(StaffUser).filter_by(email="neu@test.example").one()
    assert user.role_in(process.id) is Role.MODERATOR


def test_users_create_command_refuses_unknown_process(runner, app):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "x@test.example",
            "--role",
            "lead",
            "--process",
            "gibt-es-nicht",
            "--password",
            PASSWORD,
        ]
    )
    assert result.exit_code != 0
    assert "gibt es nicht" in result.output
    assert db.session.query(StaffUser).count() == 0


def test_password_change_ends_other_sessions(app, factory):
    process = factory.process()
    factory.user(process=process)
    first, second = app.test_client(), app.test_client()
    for c in (first, second):
        c.post("/staff/login", data={"email": "lead@test.example", "password": PASSWORD})
    response = first.post(
        "/staff/password",
        data={"current_password": PASSWORD, "new_password": "ein-ganz-neues-passwort"},
    )
    assert response.status_code == 302
    assert first.get("/staff/").status_code == 200
    assert second.get("/staff/").status_code == 302


def test_admin_creates_user_in_browser_form(client, factory, auth):
    process = factory.process()
    factory.user("admin@test.example", role=Role.ADMIN)
    auth.login("admin@test.example")
    response = client.post(
        "/staff/users",
        data={
            "email": "neu@test.example",
            "display_name": "Neu",
            "password": PASSWORD,
            "process_slug": process.slug,
            "role": "auditor",
        },
    )
    assert response.status_code == 302
    assert (
        db.session.query(StaffUser).filter_by(email="neu@test.example").one().role_in(process.id)
        is Role.AUDITOR
    )
