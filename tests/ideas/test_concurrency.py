"""Concurrent requests against the real database file (or PostgreSQL): nobody counted twice."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from participation.extensions import db
from participation.ideas.models import IdeaComment, IdeaSupport
from participation.ideas.spam import SUPPORTER_COOKIE, new_supporter_cookie

from .conftest import form_token

THREADS = 8


def run_together(app, send):
    """Send one request per thread, all released at the same moment; return the status codes."""
    barrier = threading.Barrier(THREADS)
    codes: list[int] = []
    errors: list[BaseException] = []

    def worker(number):
        client = app.test_client()
        try:
            prepared = send(client, number)
            barrier.wait(timeout=10)
            codes.append(prepared().status_code)
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return codes


def test_concurrent_double_supports_count_once(app, process, post_idea):
    idea = post_idea()
    url = f"/p/{process.slug}/ideen/idee/{idea.id}/unterstuetzen"
    cookie = new_supporter_cookie()
    db.session.remove()  # the test's own connection must not hold the database

    def send(client, number):
        client.set_cookie(SUPPORTER_COOKIE, cookie)
        return lambda: client.post(url)

    codes = run_together(app, send)
    assert codes == [303] * THREADS
    assert db.session.scalar(select(func.count(IdeaSupport.id))) == 1


def test_concurrent_supports_of_different_people_all_count(app, process, post_idea):
    idea = post_idea()
    url = f"/p/{process.slug}/ideen/idee/{idea.id}/unterstuetzen"
    db.session.remove()

    def send(client, number):
        client.set_cookie(SUPPORTER_COOKIE, new_supporter_cookie())
        return lambda: client.post(url)

    codes = run_together(app, send)
    assert codes == [303] * THREADS
    assert db.session.scalar(select(func.count(IdeaSupport.id))) == THREADS


def test_concurrent_resends_of_one_comment_form_store_it_once(app, client, process, post_idea):
    idea = post_idea()
    url = f"/p/{process.slug}/ideen/idee/{idea.id}"
    token = form_token(client, url)
    db.session.remove()

    def send(client, number):
        return lambda: client.post(
            url + "/kommentare", data={"text": "Doppelt?", "form_token": token}
        )

    codes = run_together(app, send)
    assert codes == [303] * THREADS
    assert db.session.scalar(select(func.count(IdeaComment.id))) == 1
