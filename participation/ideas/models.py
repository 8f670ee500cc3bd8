"""Idea boards: boards, ideas, comments, supports and reports."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.database import enum_type, utcnow
from participation.extensions import db
from participation.i18n import _l
from participation.multilingual.models import TranslatableMixin
from participation.processes.models import District, FieldOfAction, Process, TargetGroup

TITLE_MAX = 150
TEXT_MAX = 5000
COMMENT_MAX = 2000
AUTHOR_MAX = 120
REASON_MAX = 1000


class BoardState(enum.StrEnum):
    OPEN = "open"  # posting, commenting and supporting
    READ_ONLY = "read_only"  # visible, nothing new
    CLOSED = "closed"  # not shown to participants

    @property
    def title(self) -> str:
        return str(BOARD_STATE_TITLES[self])


BOARD_STATE_TITLES = {
    BoardState.OPEN: _l("offen"),
    BoardState.READ_ONLY: _l("nur lesen"),
    BoardState.CLOSED: _l("geschlossen"),
}


class ModerationMode(enum.StrEnum):
    PRE = "pre"  # new posts wait for approval
    POST = "post"  # new posts appear at once, moderators act afterwards

    @property
    def title(self) -> str:
        return str(MODERATION_MODE_TITLES[self])


MODERATION_MODE_TITLES = {
    ModerationMode.PRE: _l("Vorab-Moderation (neue Beiträge warten auf Freigabe)"),
    ModerationMode.POST: _l("Nachträgliche Moderation (Beiträge erscheinen sofort)"),
}


class PostState(enum.StrEnum):
    PENDING = "pending"
    PUBLISHED = "published"
    HIDDEN = "hidden"

    @property
    def title(self) -> str:
        return str(POST_STATE_TITLES[self])


POST_STATE_TITLES = {
    PostState.PENDING: _l("wartet auf Freigabe"),
    PostState.PUBLISHED: _l("veröffentlicht"),
    PostState.HIDDEN: _l("ausgeblendet"),
}


class IdeaStatus(enum.StrEnum):
    """What became of an idea; the order of the members is the order of the workflow."""

    NEW = "new"
    UNDER_REVIEW = "under_review"
    IN_WORKSHOP = "in_workshop"
    IN_GOAL_AGREEMENT = "in_goal_agreement"
    IMPLEMENTED = "implemented"
    NOT_PURSUED = "not_pursued"

    @property
    def title(self) -> str:
        return str(IDEA_STATUS_TITLES[self])


IDEA_STATUS_TITLES = {
    IdeaStatus.NEW: _l("Neu"),
    IdeaStatus.UNDER_REVIEW: _l("Wird geprüft"),
    IdeaStatus.IN_WORKSHOP: _l("Im Workshop aufgegriffen"),
    IdeaStatus.IN_GOAL_AGREEMENT: _l("Teil der Zielvereinbarung"),
    IdeaStatus.IMPLEMENTED: _l("Umgesetzt"),
    IdeaStatus.NOT_PURSUED: _l("Nicht weiterverfolgt"),
}


class ReportTarget(enum.StrEnum):
    IDEA = "idea"
    COMMENT = "comment"


class Board(TranslatableMixin, db.Model):
    """An idea board of a process, optionally limited to a field of action or a district."""

    __tablename__ = "idea_board"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(
        ForeignKey("process.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[BoardState] = mapped_column(enum_type(BoardState), default=BoardState.OPEN)
    moderation: Mapped[ModerationMode] = mapped_column(
        enum_type(ModerationMode), default=ModerationMode.POST
    )
    field_of_action_id: Mapped[int | None] = mapped_column(
        ForeignKey("field_of_action.id", ondelete="SET NULL"), nullable=True
    )
    district_id: Mapped[int | None] = mapped_column(
        ForeignKey("district.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    process: Mapped[Process] = relationship()
    field_of_action: Mapped[FieldOfAction | None] = relationship()
    district: Mapped[District | None] = relationship()

    @property
    def is_open(self) -> bool:
        return self.state is BoardState.OPEN

    @property
    def is_visible(self) -> bool:
        return self.state is not BoardState.CLOSED


class Idea(db.Model):
    """An idea posted on a board; the text stays as written, moderation only hides it."""

    __tablename__ = "idea"
    __table_args__ = (Index("ix_idea_board_state", "board_id", "state", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(
        ForeignKey("process.id", ondelete="CASCADE"), index=True
    )
    board_id: Mapped[int] = mapped_column(ForeignKey("idea_board.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    text: Mapped[str] = mapped_column(Text)
    # Case-folded title and text, so that search is case-insensitive on SQLite for umlauts too.
    search_text: Mapped[str] = mapped_column(Text, default="")
    author_name: Mapped[str] = mapped_column(String(AUTHOR_MAX), default="")
    district_id: Mapped[int | None] = mapped_column(
        ForeignKey("district.id", ondelete="SET NULL"), nullable=True
    )
    field_of_action_id: Mapped[int | None] = mapped_column(
        ForeignKey("field_of_action.id", ondelete="SET NULL"), nullable=True
    )
    suggested_field_id: Mapped[int | None] = mapped_column(
        ForeignKey("field_of_action.id", ondelete="SET NULL"), nullable=True
    )
    target_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("target_group.id", ondelete="SET NULL"), nullable=True
    )
    state: Mapped[PostState] = mapped_column(enum_type(PostState), default=PostState.PUBLISHED)
    hidden_reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[IdeaStatus] = mapped_column(enum_type(IdeaStatus), default=IdeaStatus.NEW)
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("idea.id", ondelete="SET NULL"), nullable=True
    )
    # One-time key of the form that sent it: a second submission of the same form stores nothing.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    board: Mapped[Board] = relationship()
    district: Mapped[District | None] = relationship()
    field_of_action: Mapped[FieldOfAction | None] = relationship(foreign_keys=[field_of_action_id])
    suggested_field: Mapped[FieldOfAction | None] = relationship(foreign_keys=[suggested_field_id])
    target_group: Mapped[TargetGroup | None] = relationship()
    merged_into: Mapped[Idea | None] = relationship(remote_side=[id])

    @property
    def is_published(self) -> bool:
        return self.state is PostState.PUBLISHED

    @property
    def is_hidden(self) -> bool:
        return self.state is PostState.HIDDEN

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None


class IdeaComment(db.Model):
    """A comment on an idea, or a reply to a comment (one level deep)."""

    __tablename__ = "idea_comment"
    __table_args__ = (Index("ix_idea_comment_idea_state", "idea_id", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(
        ForeignKey("process.id", ondelete="CASCADE"), index=True
    )
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("idea_comment.id", ondelete="CASCADE"), nullable=True
    )
    text: Mapped[str] = mapped_column(Text)
    author_name: Mapped[str] = mapped_column(String(AUTHOR_MAX), default="")
    target_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("target_group.id", ondelete="SET NULL"), nullable=True
    )
    state: Mapped[PostState] = mapped_column(enum_type(PostState), default=PostState.PUBLISHED)
    hidden_reason: Mapped[str] = mapped_column(Text, default="")
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    idea: Mapped[Idea] = relationship()
    parent: Mapped[IdeaComment | None] = relationship(remote_side=[id])
    target_group: Mapped[TargetGroup | None] = relationship()

    @property
    def is_published(self) -> bool:
        return self.state is PostState.PUBLISHED

    @property
    def is_hidden(self) -> bool:
        return self.state is PostState.HIDDEN


class IdeaSupport(db.Model):
    """One person's support of an idea, known only by a hash of a random cookie."""

    __tablename__ = "idea_support"
    __table_args__ = (UniqueConstraint("idea_id", "supporter_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"))
    supporter_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class IdeaReport(db.Model):
    """A participant's report of an idea or comment, waiting in the moderation queue."""

    __tablename__ = "idea_report"
    __table_args__ = (UniqueConstraint("target", "target_id", "reporter_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(
        ForeignKey("process.id", ondelete="CASCADE"), index=True
    )
    target: Mapped[ReportTarget] = mapped_column(enum_type(ReportTarget))
    target_id: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    reporter_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    resolution: Mapped[str] = mapped_column(String(40), default="")
