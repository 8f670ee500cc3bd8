"""Every change to processes and their reference data."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from flask import current_app
from sqlalchemy import select

from nlp.taxonomy import load_frame
from participation.extensions import db
from participation.i18n import _, in_german
from participation.processes.models import (
    AuditType,
    CrossCuttingTheme,
    District,
    DistrictKind,
    FieldOfAction,
    Municipality,
    Phase,
    Process,
    ProcessPhase,
    TargetGroup,
)
from participation.processes.reference import PHASE_ORDER, TARGET_GROUPS


class ProcessError(ValueError):
    """A change to a process was refused; the message is shown to the person."""


def slugify(value: str) -> str:
    value = value.replace("ß", "ss")
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-zA-Z0-9]+", "-", value).strip("-").lower()
    return value[:60] or "verfahren"


def unique_slug(name: str) -> str:
    base = slugify(name)
    slug, n = base, 2
    while db.session.scalar(select(Process.id).where(Process.slug == slug)) is not None:
        slug, n = f"{base}-{n}", n + 1
    return slug


def create_process(
    municipality: Municipality,
    name: str,
    audit_type: AuditType,
    *,
    predecessor: Process | None = None,
    phase: Phase = Phase.START,
    phase_dates: dict[Phase, tuple[date | None, date | None]] | None = None,
    districts: list[str] = (),
    slug: str | None = None,
) -> Process:
    """Create a process with the coding frame and target groups of its audit type.

    A re-certification (`predecessor` given) carries over the earlier process's fields,
    themes, target groups and districts, names included. The caller commits.
    """
    name = (name or "").strip()
    if not name:
        raise ProcessError(_("Bitte einen Namen für das Verfahren angeben."))
    if predecessor is not None and predecessor.audit_type is not audit_type:
        raise ProcessError(
            _("Eine Re-Zertifizierung hat dieselbe Auditart wie das Vorgängerverfahren.")
        )
    process = Process(
        municipality=municipality,
        name=name[:200],
        slug=slug or unique_slug(name),
        audit_type=audit_type,
        current_phase=phase,
        predecessor=predecessor,
    )
    db.session.add(process)
    for position, each in enumerate(PHASE_ORDER):
        starts_on, ends_on = (phase_dates or {}).get(each, (None, None))
        process.phases.append(
            ProcessPhase(phase=each, position=position, starts_on=starts_on, ends_on=ends_on)
        )
    if predecessor is not None:
        _copy_reference_data(predecessor, process)
    else:
        _add_frame(process)
        for position, (code, title) in enumerate(TARGET_GROUPS[audit_type]):
            process.target_groups.append(
                TargetGroup(code=code, name=in_german(title), position=position)
            )
    kind = (
        DistrictKind.MEMBER_MUNICIPALITY
        if audit_type is AuditType.FAMILY_DISTRICT
        else DistrictKind.DISTRICT
    )
    existing = {d.name for d in process.districts}
    for district_name in districts:
        if district_name.strip() and district_name.strip() not in existing:
            add_district(process, district_name, kind=kind)
    db.session.flush()
    for hook in current_app.extensions.get("process_created_hooks", []):
        hook(process)
    return process


def _add_frame(process: Process) -> None:
    frame = load_frame(process.frame_name)
    for position, category in enumerate(frame.fields):
        process.fields_of_action.append(
            FieldOfAction(
                code=category.id,
                name=category.name,
                description=category.description,
                position=position,
            )
        )
    for position, category in enumerate(frame.themes):
        process.themes.append(
            CrossCuttingTheme(
                code=category.id,
                name=category.name,
                description=category.description,
                position=position,
            )
        )


def _copy_reference_data(source: Process, target: Process) -> None:
    for item in source.fields_of_action:
        target.fields_of_action.append(
            FieldOfAction(
                code=item.code, name=item.name, description=item.description, position=item.position
            )
        )
    for item in source.themes:
        target.themes.append(
            CrossCuttingTheme(
                code=item.code,
                name=item.name,
                description=item.description,
                position=item.position,
                is_custom=item.is_custom,
            )
        )
    for item in source.target_groups:
        target.target_groups.append(
            TargetGroup(
                code=item.code, name=item.name, description=item.description, position=item.position
            )
        )
    for item in source.districts:
        target.districts.append(District(name=item.name, kind=item.kind, position=item.position))


def rename_reference(item, name: str) -> None:
    """Rename a field of action, theme or target group; its code stays."""
    name = (name or "").strip()
    if not name:
        raise ProcessError(_("Der Name darf nicht leer sein."))
    item.name = name[:200]


def add_custom_theme(process: Process, name: str, description: str = "") -> CrossCuttingTheme:
    """Add a town's own cross-cutting theme with a new stable code (QTX1, QTX2, ...)."""
    name = (name or "").strip()
    if not name:
        raise ProcessError(_("Bitte einen Namen für das Querschnittsthema angeben."))
    if any(t.name.lower() == name.lower() for t in process.themes):
        raise ProcessError(_("Dieses Querschnittsthema gibt es schon."))
    number = 1 + sum(1 for t in process.themes if t.is_custom)
    codes = {t.code for t in process.themes}
    while f"QTX{number}" in codes:
        number += 1
    theme = CrossCuttingTheme(
        code=f"QTX{number}",
        name=name[:200],
        description=description.strip(),
        position=len(process.themes),
        is_custom=True,
    )
    process.themes.append(theme)
    return theme


def add_district(process: Process, name: str, kind: DistrictKind | None = None) -> District:
    name = (name or "").strip()
    if not name:
        raise ProcessError(_("Bitte einen Namen angeben."))
    if any(d.name.lower() == name.lower() for d in process.districts):
        raise ProcessError(_("„%(name)s“ ist schon eingetragen.", name=name))
    if kind is None:
        kind = (
            DistrictKind.MEMBER_MUNICIPALITY
            if process.audit_type is AuditType.FAMILY_DISTRICT
            else DistrictKind.DISTRICT
        )
    district = District(name=name[:200], kind=kind, position=len(process.districts))
    process.districts.append(district)
    return district


def set_phase(process: Process, phase: Phase) -> None:
    process.current_phase = phase


def set_phase_dates(process: Process, phase: Phase, starts_on: date | None, ends_on: date | None):
    if starts_on and ends_on and ends_on < starts_on:
        raise ProcessError(_("Das Ende einer Phase darf nicht vor ihrem Beginn liegen."))
    entry = process.phase_dates(phase)
    entry.starts_on, entry.ends_on = starts_on, ends_on
