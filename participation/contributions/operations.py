"""Record free-text contributions from any source, the one way into analysis."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from participation.contributions.models import Contribution, ContributionSource, EventNote
from participation.extensions import db
from participation.processes.models import District, Process, TargetGroup

MAX_CONTRIBUTION_LENGTH = 20_000


def _contribution_of(source: ContributionSource, source_id: int) -> Contribution | None:
    return db.session.scalar(
        select(Contribution).where(
            Contribution.source == source, Contribution.source_id == source_id
        )
    )


def record_contribution(
    process: Process,
    source: ContributionSource,
    source_id: int,
    text: str,
    *,
    target_group: TargetGroup | None = None,
    district: District | None = None,
    source_label: str = "",
    language: str = "de",
    created_at: datetime | None = None,
) -> Contribution | None:
    """Create or update the contribution of a source object; blank text records nothing.

    Idempotent per (source, source_id): saving an edited idea updates its contribution.
    The caller commits.
    """
    text = (text or "").strip()[:MAX_CONTRIBUTION_LENGTH]
    existing = _contribution_of(source, source_id)
    if not text:
        if existing is not None:
            db.session.delete(existing)
        return None
    contribution = existing or Contribution(
        process_id=process.id, source=source, source_id=source_id
    )
    contribution.text = text
    contribution.target_group_id = target_group.id if target_group else None
    contribution.district_id = district.id if district else None
    contribution.source_label = source_label[:200]
    contribution.language = language
    if created_at is not None:
        contribution.created_at = created_at
    if existing is None:
        db.session.add(contribution)
    return contribution


def set_contribution_withdrawn(source: ContributionSource, source_id: int, withdrawn: bool) -> None:
    """Withdraw (hidden post) or restore the contribution of a source object."""
    contribution = _contribution_of(source, source_id)
    if contribution is not None:
        contribution.withdrawn = withdrawn


def remove_contribution(source: ContributionSource, source_id: int) -> None:
    """Delete the contribution of a deleted source object."""
    contribution = _contribution_of(source, source_id)
    if contribution is not None:
        db.session.delete(contribution)


def add_event_note(
    process: Process,
    event_name: str,
    text: str,
    *,
    target_group: TargetGroup | None = None,
    district: District | None = None,
    created_at: datetime | None = None,
) -> EventNote:
    """Store a note from an event and record it as a contribution; the caller commits."""
    text = (text or "").strip()
    if not text:
        raise ValueError("empty note")
    note = EventNote(process_id=process.id, event_name=event_name.strip()[:200], text=text)
    if created_at is not None:
        note.created_at = created_at
    db.session.add(note)
    db.session.flush()
    record_contribution(
        process,
        ContributionSource.EVENT_NOTE,
        note.id,
        text,
        target_group=target_group,
        district=district,
        source_label=note.event_name,
        created_at=note.created_at,
    )
    return note
