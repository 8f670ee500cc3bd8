"""Read contributions of a process."""

from __future__ import annotations

from sqlalchemy import func, select

from participation.contributions.models import Contribution
from participation.extensions import db
from participation.processes.models import Process


def active_contributions(process: Process) -> list[Contribution]:
    """Return the process's contributions that are not withdrawn, oldest first."""
    return list(
        db.session.scalars(
            select(Contribution)
            .where(Contribution.process_id == process.id, Contribution.withdrawn.is_(False))
            .order_by(Contribution.created_at, Contribution.id)
        )
    )


def count_by_source(process: Process) -> dict[str, int]:
    """Return the number of active contributions per source."""
    rows = db.session.execute(
        select(Contribution.source, func.count())
        .where(Contribution.process_id == process.id, Contribution.withdrawn.is_(False))
        .group_by(Contribution.source)
    )
    return {source.value: count for source, count in rows}
