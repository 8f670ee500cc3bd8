import re

from participation.accounts.models import Role


def test_post_without_csrf_token_is_refused_in_german(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    response = app.test_client().post("/staff/login", data={"email": "a@b.c", "password": "x"})
    assert response.status_code == 400
    assert "Sicherheitsprüfung" in response.get_data(as_text=True)


def test_forged_csrf_token_is_refused(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    client.get("/staff/login")
    response = client.post(
        "/staff/login", data={"email": "a@b.c", "password": "x", "csrf_token": "forged.token.value"}
    )
    assert response.status_code == 400


def test_login_with_valid_csrf_token_works(make_app, factory):
    app = make_app(WTF_CSRF_ENABLED=True)
    process = factory.process()
    factory.user(process=process)
    client = app.test_client()
    page = client.get("/staff/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/staff/login",
        data={
            "email": "lead@test.example",
            "password": "ein-sicheres-testpasswort",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302


def test_session_cookie_is_httponly_and_samesite(make_app, factory):
    app = make_app(SESSION_COOKIE_SECURE=True)
    process = factory.process()
    factory.user(process=process)
    response = app.test_client().post(
        "/staff/login", data={"email": "lead@test.example", "password": "ein-sicheres-testpasswort"}
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie


def test_user_text_is_escaped(client, factory, auth):
    process = factory.process(name="<script>alert(1)</script> Stadt")
    factory.user("admin@test.example", role=Role.ADMIN)
    auth.login("admin@test.example")
    body = client.get("/staff/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body
    assert process.slug
