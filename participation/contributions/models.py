"""The contribution: every free-text input of the participation phase, in one uniform shape."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.database import enum_type, utcnow
from participation.extensions import db
from participation.i18n import _l
from participation.processes.models import District, Process, TargetGroup


class ContributionSource(enum.StrEnum):
    SURVEY_ANSWER = "survey_answer"
    IDEA = "idea"
    COMMENT = "comment"
    EVENT_NOTE = "event_note"

    @property
    def title(self) -> str:
        return str(SOURCE_TITLES[self])


SOURCE_TITLES = {
    ContributionSource.SURVEY_ANSWER: _l("Umfrage"),
    ContributionSource.IDEA: _l("Idee"),
    ContributionSource.COMMENT: _l("Kommentar"),
    ContributionSource.EVENT_NOTE: _l("Notiz aus Veranstaltung"),
}


class Contribution(db.Model):
    """A free-text contribution, as the NLP module and the workshop see it.

    The source object (survey answer, idea, comment) keeps the original; this row carries what
    analysis needs: text, source, target group, district, process and time.
    """

    __tablename__ = "contribution"
    __table_args__ = (
        UniqueConstraint("source", "source_id"),
        Index("ix_contribution_process_active", "process_id", "withdrawn"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("process.id", ondelete="CASCADE"))
    source: Mapped[ContributionSource] = mapped_column(enum_type(ContributionSource))
    source_id: Mapped[int] = mapped_column(Integer)
    source_label: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="de")
    target_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("target_group.id", ondelete="SET NULL"), nullable=True
    )
    district_id: Mapped[int | None] = mapped_column(
        ForeignKey("district.id", ondelete="SET NULL"), nullable=True
    )
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    process: Mapped[Process] = relationship()
    target_group: Mapped[TargetGroup | None] = relationship()
    district: Mapped[District | None] = relationship()


class EventNote(db.Model):
    """A contribution noted down at an event (citizens' workshop, flipchart, paper card)."""

    __tablename__ = "event_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("process.id", ondelete="CASCADE"))
    event_name: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
