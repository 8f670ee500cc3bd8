"""Data-subject requests and archiving: find, export and delete a named contributor's data."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from flask import current_app

from participation.accounts.operations import log_action
from participation.database import utcnow
from participation.processes.models import Process


@dataclass(frozen=True)
class PersonalRecord:
    """One stored item that carries a person's name (or organisation or pseudonym)."""

    key: str  # provider-specific, e.g. "idea:17"
    kind: str  # human-readable German type, e.g. "Idee"
    name: str  # the name as stored
    text: str  # what the person wrote
    created_at: str = ""
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def _providers():
    return current_app.extensions.get("personal_data_providers", [])


def find_personal_data(process: Process, name: str) -> list[PersonalRecord]:
    """Return every record of `process` that names `name` (case-insensitive, substring)."""
    name = (name or "").strip()
    if len(name) < 2:
        return []
    records: list[PersonalRecord] = []
    for provider in _providers():
        records.extend(provider.find(process, name))
    return records


def delete_personal_data(process: Process, keys: list[str]) -> int:
    """Delete the records with these keys; returns how many were deleted. The caller commits."""
    deleted = 0
    for provider in _providers():
        deleted += provider.delete(process, keys)
    log_action("personal_data_deleted", f"process:{process.id}", process=process, count=deleted)
    return deleted


def archive_process(process: Process) -> None:
    """Archive a process: remove personal data, keep the anonymous results. The caller commits."""
    for provider in _providers():
        provider.anonymise(process)
    process.archived_at = utcnow()
    log_action("process_archived", f"process:{process.id}", process=process)
