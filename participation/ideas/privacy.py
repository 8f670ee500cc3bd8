"""Personal data in idea boards: the optional name, organisation or pseudonym of authors."""

from __future__ import annotations

from sqlalchemy import func, select

from participation.contributions.models import ContributionSource
from participation.contributions.operations import remove_contribution
from participation.database import parse_id
from participation.extensions import db
from participation.ideas.models import Idea, IdeaComment
from participation.processes.privacy import PersonalRecord


def _like(name: str) -> str:
    escaped = name.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class IdeaAuthors:
    """Answers data-subject requests for ideas and comments; anonymises archived processes."""

    def find(self, process, name: str) -> list[PersonalRecord]:
        records = []
        for model, kind, key in ((Idea, "Idee", "idea"), (IdeaComment, "Kommentar", "comment")):
            rows = db.session.scalars(
                select(model)
                .where(
                    model.process_id == process.id,
                    func.lower(model.author_name).like(_like(name), escape="\\"),
                )
                .order_by(model.created_at)
            )
            for row in rows:
                text = f"{row.title}: {row.text}" if model is Idea else row.text
                records.append(
                    PersonalRecord(
                        key=f"{key}:{row.id}",
                        kind=kind,
                        name=row.author_name,
                        text=text,
                        created_at=row.created_at.isoformat(timespec="minutes"),
                    )
                )
        return records

    def delete(self, process, keys: list[str]) -> int:
        deleted = 0
        for key in keys:
            kind, _, raw_id = key.partition(":")
            model = {"idea": Idea, "comment": IdeaComment}.get(kind)
            row_id = parse_id(raw_id)
            if model is None or row_id is None:
                continue
            row = db.session.get(model, row_id)
            if row is None or row.process_id != process.id:
                continue
            if model is Idea:
                for comment in db.session.scalars(
                    select(IdeaComment).where(IdeaComment.idea_id == row.id)
                ):
                    remove_contribution(ContributionSource.COMMENT, comment.id)
                    db.session.delete(comment)
                remove_contribution(ContributionSource.IDEA, row.id)
            else:
                for reply in db.session.scalars(
                    select(IdeaComment).where(IdeaComment.parent_id == row.id)
                ):
                    remove_contribution(ContributionSource.COMMENT, reply.id)
                    db.session.delete(reply)
                remove_contribution(ContributionSource.COMMENT, row.id)
            db.session.delete(row)
            deleted += 1
        db.session.flush()
        return deleted

    def anonymise(self, process) -> None:
        for model in (Idea, IdeaComment):
            db.session.execute(
                model.__table__.update()
                .where(model.process_id == process.id)
                .values(author_name="")
            )
