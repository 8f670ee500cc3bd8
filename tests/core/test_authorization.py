"""Every staff URL the app defines, visited anonymously and with each role."""

import re

import pytest

from participation.accounts.models import Role
from participation.accounts.permissions import ROLE_PERMISSIONS

PUBLIC_STAFF_ENDPOINTS = {"accounts.login", "accounts.logout"}


def staff_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/staff") and rule.endpoint not in PUBLIC_STAFF_ENDPOINTS:
            yield rule


def build_path(rule, process_slug):
    def fill(match):
        converter, name = match.group(1), match.group(2)
        if name == "process_slug":
            return process_slug
        return "1" if converter in ("int", "int:") else "x"

    return re.sub(r"<(?:(\w+):)?(\w+)>", fill, rule.rule)


def test_every_staff_view_declares_a_permission(app):
    missing = [
        rule.endpoint
        for rule in staff_rules(app)
        if not hasattr(app.view_functions[rule.endpoint], "required_permission")
        and rule.endpoint not in {"accounts.home", "accounts.change_password"}
    ]
    assert missing == []


def test_anonymous_is_sent_to_login_everywhere(client, factory, app):
    process = factory.process()
    for rule in staff_rules(app):
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(build_path(rule, process.slug), method=method)
        assert response.status_code in (302, 401), rule.rule
        if response.status_code == 302:
            assert "/staff/login" in response.headers["Location"], rule.rule


@pytest.mark.parametrize("role", [Role.LEAD, Role.MODERATOR, Role.AUDITOR])
def test_each_role_reaches_only_what_it_may(client, factory, auth, app, role):
    process = factory.process()
    factory.user("staff@test.example", role=role, process=process)
    auth.login("staff@test.example")
    allowed = ROLE_PERMISSIONS[role]
    for rule in staff_rules(app):
        permission = getattr(app.view_functions[rule.endpoint], "required_permission", None)
        if permission is None:
            continue
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(build_path(rule, process.slug), method=method)
        if permission in allowed:
            assert response.status_code != 403, rule.rule
        else:
            assert response.status_code == 403, rule.rule


def test_staff_of_one_process_cannot_see_another(client, factory, auth, app):
    mine = factory.process("Meine Stadt")
    other = factory.process("Andere Stadt")
    factory.user(process=mine)
    auth.login()
    assert client.get(f"/staff/p/{mine.slug}/").status_code == 200
    for rule in staff_rules(app):
        if "process_slug" not in rule.arguments:
            continue
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(build_path(rule, other.slug), method=method)
        assert response.status_code == 403, rule.rule
