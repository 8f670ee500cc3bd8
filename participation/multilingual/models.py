"""The column that holds staff-entered texts in further languages."""

from __future__ import annotations

from sqlalchemy import JSON
from sqlalchemy.orm import Mapped, mapped_column


class TranslatableMixin:
    """Adds `translations`: {language: {field: text}}; German stays in the model's own columns."""

    translations: Mapped[dict] = mapped_column(JSON, default=dict, server_default="{}")
