import socket

import pytest


def redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.parametrize("storage", ["memory://", "redis://127.0.0.1:6379/15"])
def test_login_is_rate_limited_with_a_german_page(make_app, storage):
    if storage.startswith("redis") and not redis_answers():
        pytest.skip("no Redis on 127.0.0.1:6379")
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=storage)
    from participation.extensions import limiter

    with app.app_context():
        limiter.reset()
    client = app.test_client()
    codes = [
        client.post("/staff/login", data={"email": "x@y.z", "password": "p" * 12}).status_code
        for _ in range(21)
    ]
    assert codes[:20].count(429) == 0 and codes[20] == 429
    page = client.post("/staff/login", data={"email": "x@y.z", "password": "p"})
    assert "Zu viele Anfragen" in page.get_data(as_text=True)
    with app.app_context():
        limiter.reset()


def test_rate_limit_key_is_a_hash_not_the_address(app):
    from participation.privacy import client_fingerprint

    with app.test_request_context(environ_base={"REMOTE_ADDR": "203.0.113.7"}):
        key = client_fingerprint()
    assert "203.0.113.7" not in key and len(key) == 24


def test_every_worker_derives_the_same_key_and_it_changes_daily(app, monkeypatch):
    from participation import privacy

    first = privacy.hash_address("203.0.113.7", secret="s3cret")
    assert first == privacy.hash_address("203.0.113.7", secret="s3cret")
    assert first != privacy.hash_address("203.0.113.8", secret="s3cret")
    assert first != privacy.hash_address("203.0.113.7", secret="other")

    class Tomorrow:
        @staticmethod
        def now(tz=None):
            from datetime import datetime, timedelta

            return datetime.now(tz) + timedelta(days=1)

    monkeypatch.setattr(privacy, "datetime", Tomorrow)
    assert privacy.hash_address("203.0.113.7", secret="s3cret") != first
