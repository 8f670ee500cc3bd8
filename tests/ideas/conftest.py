"""Fixtures for the idea boards: a process with districts, boards, and form tokens."""

from __future__ import annotations

import re

import pytest

from participation.extensions import db
from participation.ideas import operations
from participation.ideas.models import BoardState, ModerationMode

DISTRICTS = ["Altstadt", "Nordstadt", "Mühlbach"]


@pytest.fixture
def app(make_app):
    """The app with the minimum fill time off (tests that check it turn it back on)."""
    app = make_app(IDEAS_MIN_FILL_SECONDS=0)
    with app.app_context():
        yield app
        db.session.remove()


@pytest.fixture
def process(factory):
    return factory.process("Familiengerechte Kommune Rosenau", districts=DISTRICTS)


@pytest.fixture
def make_board(process):
    def make(title="Ideenbörse", moderation=ModerationMode.POST, state=BoardState.OPEN, **kw):
        board = operations.create_board(process, title, moderation=moderation, state=state, **kw)
        db.session.commit()
        return board

    return make


@pytest.fixture
def board(make_board):
    return make_board("Ideenbörse Familienfreundliches Rosenau")


@pytest.fixture
def post_idea(board):
    def post(title="Mehr Bänke im Park", text="Im Stadtpark fehlen Bänke.", target=None, **kw):
        idea = operations.post_idea(target or board, title=title, text=text, **kw)
        db.session.commit()
        return idea

    return post


def form_token(client, url: str) -> str:
    """Fetch a page as a browser would and return the form's one-time token."""
    body = client.get(url).get_data(as_text=True)
    return re.search(r'name="form_token" type="hidden" value="([^"]+)"', body).group(1)


def csrf_token(client, url: str) -> str:
    body = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', body).group(1)


@pytest.fixture
def app_with(make_app):
    """Build a second app with other settings; its connections are closed after the test."""
    made = []

    def build(**overrides):
        app = make_app(**overrides)
        made.append(app)
        return app

    yield build
    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
