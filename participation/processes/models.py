"""The municipality, its audit process with phases, and the process's reference data."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.database import TimestampMixin, enum_type
from participation.extensions import db
from participation.i18n import _l


class AuditType(enum.StrEnum):
    FAMILY_MUNICIPALITY = "family_municipality"
    FAMILY_DISTRICT = "family_district"
    HOUSING_QUARTER = "housing_quarter"

    @property
    def title(self) -> str:
        return str(AUDIT_TYPE_TITLES[self])

    @property
    def frame_name(self) -> str:
        """The NLP coding frame of this audit type."""
        return "quarter" if self is AuditType.HOUSING_QUARTER else "family"


AUDIT_TYPE_TITLES = {
    AuditType.FAMILY_MUNICIPALITY: _l("Familiengerechte Kommune"),
    AuditType.FAMILY_DISTRICT: _l("Familiengerechter Kreis"),
    AuditType.HOUSING_QUARTER: _l("Generationengerechtes Wohnen im Quartier"),
}


class Phase(enum.StrEnum):
    START = "start"
    PARTICIPATION = "participation"
    ANALYSIS = "analysis"
    GOAL_AGREEMENT = "goal_agreement"
    COUNCIL_DECISION = "council_decision"
    CERTIFICATION = "certification"
    IMPLEMENTATION = "implementation"

    @property
    def title(self) -> str:
        return str(PHASE_TITLES[self])


PHASE_TITLES = {
    Phase.START: _l("Start und Bestandsaufnahme"),
    Phase.PARTICIPATION: _l("Beteiligungsphase"),
    Phase.ANALYSIS: _l("Analyse und Strategieworkshop"),
    Phase.GOAL_AGREEMENT: _l("Zielvereinbarungsworkshop"),
    Phase.COUNCIL_DECISION: _l("Ratsbeschluss"),
    Phase.CERTIFICATION: _l("Zertifizierung"),
    Phase.IMPLEMENTATION: _l("Umsetzung"),
}


class DistrictKind(enum.StrEnum):
    DISTRICT = "district"
    MEMBER_MUNICIPALITY = "member_municipality"


class Municipality(TimestampMixin, db.Model):
    __tablename__ = "municipality"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(100), default="")
    is_district: Mapped[bool] = mapped_column(Boolean, default=False)

    processes: Mapped[list[Process]] = relationship(back_populates="municipality")


class Process(TimestampMixin, db.Model):
    """One audit process of a municipality (a first audit or a re-certification)."""

    __tablename__ = "process"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"))
    audit_type: Mapped[AuditType] = mapped_column(enum_type(AuditType))
    current_phase: Mapped[Phase] = mapped_column(
        enum_type(Phase),
        default=Phase.START,
    )
    description: Mapped[str] = mapped_column(Text, default="")
    predecessor_id: Mapped[int | None] = mapped_column(ForeignKey("process.id"), nullable=True)
    is_public: Mapped[bool] = mapped_column(Boolean, default=True)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    municipality: Mapped[Municipality] = relationship(back_populates="processes")
    predecessor: Mapped[Process | None] = relationship(remote_side=[id])
    phases: Mapped[list[ProcessPhase]] = relationship(
        back_populates="process", order_by="ProcessPhase.position", cascade="all, delete-orphan"
    )
    fields_of_action: Mapped[list[FieldOfAction]] = relationship(
        back_populates="process", order_by="FieldOfAction.position", cascade="all, delete-orphan"
    )
    themes: Mapped[list[CrossCuttingTheme]] = relationship(
        back_populates="process",
        order_by="CrossCuttingTheme.position",
        cascade="all, delete-orphan",
    )
    target_groups: Mapped[list[TargetGroup]] = relationship(
        back_populates="process", order_by="TargetGroup.position", cascade="all, delete-orphan"
    )
    districts: Mapped[list[District]] = relationship(
        back_populates="process", order_by="District.position", cascade="all, delete-orphan"
    )

    @property
    def frame_name(self) -> str:
        return self.audit_type.frame_name

    @property
    def is_recertification(self) -> bool:
        return self.predecessor_id is not None

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def district_label(self) -> str:
        """What the process's districts are called in forms."""
        if self.audit_type is AuditType.FAMILY_DISTRICT:
            return str(_l("Gemeinde"))
        return str(_l("Stadtteil / Ortsteil"))

    def phase_dates(self, phase: Phase | str) -> ProcessPhase | None:
        phase = Phase(phase)
        return next((p for p in self.phases if p.phase is phase), None)

    def field_by_code(self, code: str) -> FieldOfAction | None:
        return next((f for f in self.fields_of_action if f.code == code), None)

    def theme_by_code(self, code: str) -> CrossCuttingTheme | None:
        return next((t for t in self.themes if t.code == code), None)


class ProcessPhase(db.Model):
    """The planned dates of one phase of a process."""

    __tablename__ = "process_phase"
    __table_args__ = (UniqueConstraint("process_id", "phase"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("process.id", ondelete="CASCADE"))
    phase: Mapped[Phase] = mapped_column(enum_type(Phase))
    position: Mapped[int] = mapped_column(Integer, default=0)
    starts_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    process: Mapped[Process] = relationship(back_populates="phases")


class _ProcessReference:
    """Shared columns of per-process reference data with a stable code and an editable name."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class FieldOfAction(_ProcessReference, db.Model):
    __tablename__ = "field_of_action"
    __table_args__ = (UniqueConstraint("process_id", "code"),)

    process_id: Mapped[int] = mapped_column(ForeignKey("process.id", ondelete="CASCADE"))
    process: Mapped[Process] = relationship(back_populates="fields_of_action")


class CrossCuttingTheme(_ProcessReference, db.Model):
    __tablename__ = "cross_cutting_theme"
    __table_args__ = (UniqueConstraint("process_id", "code"),)

    process_id: Mapped[int] = mapped_column(ForeignKey("process.id", ondelete="CASCADE"))
    is_custom: Mapped[bool] = mapped_column(Boolean, default=False)
    process: Mapped[Process] = relationship(back_populates="themes")


class TargetGroup(_ProcessReference, db.Model):
    __tablename__ = "target_group"
    __table_args__ = (UniqueConstraint("process_id", "code"),)

    process_id: Mapped[int] = mapped_column(ForeignKey("process.id", ondelete="CASCADE"))
    process: Mapped[Process] = relationship(back_populates="target_groups")


class District(db.Model):
    """A district (Stadtteil/Ortsteil) or, in a district audit, a member municipality."""

    __tablename__ = "district"
    __table_args__ = (UniqueConstraint("process_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("process.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[DistrictKind] = mapped_column(
        enum_type(DistrictKind),
        default=DistrictKind.DISTRICT,
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    process: Mapped[Process] = relationship(back_populates="districts")
