"""Demo data of the idea boards."""

from sqlalchemy import func, select

from participation.contributions.models import Contribution, ContributionSource
from participation.extensions import db
from participation.ideas.models import Board, Idea, IdeaComment, IdeaStatus, PostState
from participation.processes.models import Process


def test_demo_loads_idea_boards(runner, client):
    result = runner.invoke(args=["setup"])
    assert result.exit_code == 0, result.output
    rosenau = db.session.scalar(select(Process).where(Process.slug == "rosenau"))
    board = db.session.scalar(select(Board).where(Board.process_id == rosenau.id))
    assert board.title == "Ideenbörse Familienfreundliches Rosenau"
    ideas = db.session.scalars(select(Idea).where(Idea.board_id == board.id)).all()
    assert len(ideas) == 30
    assert {i.field_of_action.code for i in ideas} == {"HF1", "HF2", "HF3", "HF4", "HF5", "HF6"}
    assert {i.district.name for i in ideas if i.district} == {
        "Altstadt",
        "Nordstadt",
        "Mühlbach",
        "Oberdorf",
        "Am Weinberg",
    }
    assert {i.status for i in ideas} == set(IdeaStatus)
    assert all(i.answer for i in ideas if i.status is IdeaStatus.NOT_PURSUED)
    comments = db.session.scalar(
        select(func.count(IdeaComment.id)).where(IdeaComment.process_id == rosenau.id)
    )
    assert comments >= 40
    sources = {
        c.source
        for c in db.session.scalars(
            select(Contribution).where(Contribution.process_id == rosenau.id)
        )
    }
    assert {ContributionSource.IDEA, ContributionSource.COMMENT} <= sources
    sonnenhang = db.session.scalar(select(Process).where(Process.slug == "sonnenhang"))
    small = db.session.scalars(select(Idea).where(Idea.process_id == sonnenhang.id)).all()
    assert 2 <= len(small) <= 5 and all(i.state is PostState.PUBLISHED for i in small)
    page = client.get("/p/rosenau/").get_data(as_text=True)
    assert "Ideenbörse Familienfreundliches Rosenau" in page
    listing = client.get(f"/p/rosenau/ideen/{board.id}/?sort=supported").get_data(as_text=True)
    assert "30 Ideen" in listing and "Zebrastreifen vor der Grundschule am Weinberg" in listing
