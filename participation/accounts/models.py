"""Staff accounts, their roles per process, and the audit log of staff actions."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.database import TimestampMixin, enum_type, utcnow
from participation.extensions import db
from participation.i18n import _l


class Role(enum.StrEnum):
    """A staff role. ADMIN is installation-wide; the others are given per process."""

    ADMIN = "admin"
    LEAD = "lead"
    MODERATOR = "moderator"
    AUDITOR = "auditor"

    @property
    def title(self) -> str:
        return str(ROLE_TITLES[self])


ROLE_TITLES = {
    Role.ADMIN: _l("Administration"),
    Role.LEAD: _l("Projektleitung"),
    Role.MODERATOR: _l("Moderation"),
    Role.AUDITOR: _l("Auditor/in (nur lesen)"),
}


class StaffUser(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    session_version: Mapped[int] = mapped_column(Integer, default=1)

    memberships: Mapped[list[ProcessMembership]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        # The version lets a password change end every other session of the user.
        return f"{self.id}:{self.session_version}"

    def role_in(self, process_id: int) -> Role | None:
        if self.is_admin:
            return Role.ADMIN
        membership = next((m for m in self.memberships if m.process_id == process_id), None)
        return membership.role if membership else None


class ProcessMembership(db.Model):
    """The role a staff user has in one process."""

    __tablename__ = "process_membership"
    __table_args__ = (UniqueConstraint("user_id", "process_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"))
    process_id: Mapped[int] = mapped_column(ForeignKey("process.id", ondelete="CASCADE"))
    role: Mapped[Role] = mapped_column(enum_type(Role))

    user: Mapped[StaffUser] = relationship(back_populates="memberships")
    process = relationship("Process")


class AuditLogEntry(db.Model):
    """One staff action: who did what to which object, and when."""

    __tablename__ = "audit_log_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL"), nullable=True
    )
    user_label: Mapped[str] = mapped_column(String(254), default="")
    process_id: Mapped[int | None] = mapped_column(
        ForeignKey("process.id", ondelete="SET NULL"), nullable=True, index=True
    )
    action: Mapped[str] = mapped_column(String(80))
    target: Mapped[str] = mapped_column(String(200), default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)
