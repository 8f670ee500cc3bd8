"""Shared rules for publishing counts: small-cell suppression so nobody can be re-identified."""

from __future__ import annotations

MIN_CELL_SIZE = 5


def is_suppressed(count: int, minimum: int = MIN_CELL_SIZE) -> bool:
    """Return whether a breakdown cell must be hidden (1 to minimum-1 responses)."""
    return 0 < count < minimum


def suppress(count: int, minimum: int = MIN_CELL_SIZE) -> int | None:
    """Return the count, or None where it must be hidden; 0 stays 0 (nothing to re-identify)."""
    return None if is_suppressed(count, minimum) else count


def display_count(count: int, minimum: int = MIN_CELL_SIZE) -> str:
    """Return a count for tables and exports: "<5" for a suppressed cell."""
    return f"<{minimum}" if is_suppressed(count, minimum) else str(count)
