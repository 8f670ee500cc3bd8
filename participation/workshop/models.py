"""The workshop board: analysis runs, sub-topics and the assignment of each contribution."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.database import enum_type, utcnow
from participation.extensions import db
from participation.i18n import _l

OFF_TOPIC = "sonstiges"


class RunStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"

    @property
    def title(self) -> str:
        return str(RUN_STATUS_TITLES[self])


RUN_STATUS_TITLES = {
    RunStatus.QUEUED: _l("wartet"),
    RunStatus.RUNNING: _l("läuft"),
    RunStatus.DONE: _l("fertig"),
    RunStatus.FAILED: _l("fehlgeschlagen"),
}


class AnalysisRun(db.Model):
    """One run of the NLP module over the active contributions of a process, with its progress."""

    __tablename__ = "workshop_analysis_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(
        ForeignKey("process.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[RunStatus] = mapped_column(enum_type(RunStatus), default=RunStatus.QUEUED)
    step: Mapped[str] = mapped_column(String(40), default="")
    total: Mapped[int] = mapped_column(Integer, default=0)
    processed: Mapped[int] = mapped_column(Integer, default=0)
    model_kind: Mapped[str] = mapped_column(String(20), default="")
    training_size: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    started_by: Mapped[str] = mapped_column(String(254), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    @property
    def is_active(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)

    @property
    def percent(self) -> int:
        if self.status is RunStatus.DONE:
            return 100
        if not self.total:
            return 0
        return min(99, int(100 * self.processed / self.total))


class Subtopic(db.Model):
    """A sub-topic inside a field of action; a name given by the lead survives re-runs."""

    __tablename__ = "workshop_subtopic"
    __table_args__ = (Index("ix_workshop_subtopic_process_field", "process_id", "field_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("process.id", ondelete="CASCADE"))
    field_code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200), default="")
    name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    @property
    def is_named(self) -> bool:
        return bool(self.name)

    @property
    def display_name(self) -> str:
        return self.name or self.label or str(_l("Ohne Bezeichnung"))


class Assignment(db.Model):
    """Where a contribution belongs: field of action, sub-topic, themes; and what the lead did."""

    __tablename__ = "workshop_assignment"
    __table_args__ = (
        Index("ix_workshop_assignment_process_field", "process_id", "field_code"),
        Index("ix_workshop_assignment_subtopic", "subtopic_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("process.id", ondelete="CASCADE"))
    contribution_id: Mapped[int] = mapped_column(
        ForeignKey("contribution.id", ondelete="CASCADE"), unique=True
    )
    field_code: Mapped[str] = mapped_column(String(40))
    further_fields: Mapped[str] = mapped_column(String(200), default="")
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    subtopic_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshop_subtopic.id", ondelete="SET NULL"), nullable=True
    )
    # The lead put the contribution into this sub-topic: re-runs do not move it.
    subtopic_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    is_representative: Mapped[bool] = mapped_column(Boolean, default=False)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    # Confirmed or corrected by a person: re-runs keep field and themes, training uses it.
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    confirmed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL"), nullable=True
    )
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshop_analysis_run.id", ondelete="SET NULL"), nullable=True
    )

    contribution = relationship("Contribution")
    subtopic: Mapped[Subtopic | None] = relationship()
    themes: Mapped[list[AssignmentTheme]] = relationship(
        back_populates="assignment", cascade="all, delete-orphan", order_by="AssignmentTheme.code"
    )

    @property
    def theme_codes(self) -> list[str]:
        return [t.code for t in self.themes]

    @property
    def further_field_codes(self) -> list[str]:
        return [c for c in self.further_fields.split() if c]


class AssignmentTheme(db.Model):
    """A cross-cutting theme of an assignment (one row each, so SQL can count and filter)."""

    __tablename__ = "workshop_assignment_theme"
    __table_args__ = (Index("ix_workshop_assignment_theme_code", "code"),)

    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_assignment.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(40), primary_key=True)

    assignment: Mapped[Assignment] = relationship(back_populates="themes")
