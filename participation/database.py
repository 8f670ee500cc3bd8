"""The declarative base and shared column mixins."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

from sqlalchemy import DateTime, Enum, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# The largest value of an INTEGER column on PostgreSQL (SQLite's is larger).
MAX_ID = 2**31 - 1


def parse_id(value) -> int | None:
    """Return a row id written in a form or URL (ASCII digits, 1 to MAX_ID), or None.

    Anything else - empty, signed, superscript or other non-ASCII digits, too large for the
    database - is None, so that hostile input never reaches a query as an error.
    """
    text = str(value).strip() if value is not None else ""
    if not text or not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def utcnow() -> datetime:
    """Return the current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def enum_type(enum_class: type[enum.Enum]) -> Enum:
    """Return a portable column type storing an Enum's values as strings (no native DB enum)."""
    return Enum(
        enum_class,
        native_enum=False,
        length=40,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
