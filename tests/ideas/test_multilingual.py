"""Idea-board texts in several languages."""

from participation.accounts.models import Role
from participation.extensions import db
from participation.ideas.models import Board
from participation.multilingual.operations import set_translations


def test_board_title_and_description_in_the_participants_language(client, process, board):
    board.description = "Was würde Rosenau für Familien besser machen?"
    set_translations(
        board, "tr", {"title": "Fikir borsası", "description": "Aileler için ne daha iyi olur?"}
    )
    db.session.commit()
    url = f"/p/{process.slug}/ideen/{board.id}/"
    turkish = client.get(f"/p/{process.slug}/?lang=tr").get_data(as_text=True)
    assert "Fikir borsası" in turkish
    page = client.get(url, follow_redirects=True).get_data(as_text=True)
    assert "<h1>Fikir borsası</h1>" in page and "Aileler için ne daha iyi olur?" in page
    arabic = client.get(f"{url}?lang=ar", follow_redirects=True).get_data(as_text=True)
    assert '<h1><span lang="de" dir="ltr">Ideenbörse Familienfreundliches Rosenau</span></h1>' in (
        arabic
    )
    german = client.get(f"{url}?lang=de", follow_redirects=True).get_data(as_text=True)
    assert "Fikir borsası" not in german


def test_lead_translates_a_board(client, auth, factory, process, board):
    factory.user("lead@rosenau.example", role=Role.LEAD, process=process)
    auth.login("lead@rosenau.example")
    edit = client.get(f"/staff/p/{process.slug}/ideen/{board.id}/bearbeiten")
    assert "Übersetzungen" in edit.get_data(as_text=True)
    url = f"/staff/p/{process.slug}/ideen/{board.id}/uebersetzungen/uk"
    assert client.get(url).status_code == 200
    response = client.post(url, data={f"t_idea_board_{board.id}_title": "Біржа ідей"})
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Board, board.id).translations == {"uk": {"title": "Біржа ідей"}}
    assert client.get(f"/staff/p/{process.slug}/ideen/999/uebersetzungen/uk").status_code == 404


def test_moderator_may_not_translate(client, auth, factory, process, board):
    factory.user("mod@rosenau.example", role=Role.MODERATOR, process=process)
    auth.login("mod@rosenau.example")
    url = f"/staff/p/{process.slug}/ideen/{board.id}/uebersetzungen/uk"
    assert client.get(url).status_code == 403
