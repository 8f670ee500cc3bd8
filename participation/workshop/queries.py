"""Reads for the workshop board and its exports; counts are aggregated in SQL."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import Select, func, select
from sqlalchemy.orm import contains_eager, selectinload

from participation.accounts.models import StaffUser
from participation.contributions.models import Contribution, ContributionSource
from participation.extensions import db
from participation.i18n import _
from participation.processes.models import Process
from participation.workshop.models import (
    OFF_TOPIC,
    AnalysisRun,
    Assignment,
    AssignmentTheme,
    Subtopic,
)

PER_PAGE = 50
QUOTES_PER_SUBTOPIC = 3


@dataclass
class BoardFilter:
    """The board's filters (theme, district, target group, source), read from query arguments."""

    theme: str | None = None
    district_id: int | None = None
    target_group_id: int | None = None
    source: str | None = None

    @classmethod
    def from_args(cls, process: Process, args: Mapping) -> BoardFilter:
        """Keep only values that exist in the process; anything else is ignored."""
        result = cls()
        theme = args.get("theme")
        if theme in {t.code for t in process.themes}:
            result.theme = theme
        result.district_id = _known_id(args.get("district"), {d.id for d in process.districts})
        result.target_group_id = _known_id(
            args.get("target_group"), {g.id for g in process.target_groups}
        )
        source = args.get("source")
        if source in {s.value for s in ContributionSource}:
            result.source = source
        return result

    @property
    def active(self) -> bool:
        return any(v is not None for v in self.as_args().values())

    def as_args(self) -> dict:
        return {
            k: v
            for k, v in {
                "theme": self.theme,
                "district": self.district_id,
                "target_group": self.target_group_id,
                "source": self.source,
            }.items()
            if v is not None
        }

    def apply(self, query: Select) -> Select:
        if self.theme:
            tagged = select(AssignmentTheme.assignment_id).where(AssignmentTheme.code == self.theme)
            query = query.where(Assignment.id.in_(tagged))
        if self.district_id is not None:
            query = query.where(Contribution.district_id == self.district_id)
        if self.target_group_id is not None:
            query = query.where(Contribution.target_group_id == self.target_group_id)
        if self.source:
            query = query.where(Contribution.source == ContributionSource(self.source))
        return query


def _known_id(value, known: set[int]) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number in known else None


def assignments_query(process: Process, filters: BoardFilter | None, *columns) -> Select:
    """Select over the process's assignments of active contributions, filters applied."""
    query = (
        select(*columns)
        .select_from(Assignment)
        .join(Contribution, Contribution.id == Assignment.contribution_id)
        .where(Assignment.process_id == process.id, Contribution.withdrawn.is_(False))
    )
    return filters.apply(query) if filters else query


def themes_by_assignment(assignment_ids: list[int]) -> dict[int, list[str]]:
    """Return assignment id → its theme codes."""
    result: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(assignment_ids), 900):  # stay below SQLite's parameter limit
        chunk = assignment_ids[start : start + 900]
        for assignment_id, code in db.session.execute(
            select(AssignmentTheme.assignment_id, AssignmentTheme.code)
            .where(AssignmentTheme.assignment_id.in_(chunk))
            .order_by(AssignmentTheme.code)
        ):
            result[assignment_id].append(code)
    return result


def field_names(process: Process) -> dict[str, str]:
    """Return code → name of the process's fields of action, off-topic last."""
    names = {f.code: f.name for f in process.fields_of_action}
    names[OFF_TOPIC] = _("Sonstiges (keinem Handlungsfeld zugeordnet)")
    return names


def theme_names(process: Process) -> dict[str, str]:
    return {t.code: t.name for t in process.themes}


@dataclass
class FieldSummary:
    code: str
    name: str
    total: int = 0
    confirmed: int = 0
    by_target_group: dict[int | None, int] = field(default_factory=dict)
    by_source: dict[str, int] = field(default_factory=dict)
    by_district: dict[int | None, int] = field(default_factory=dict)
    by_theme: dict[str, int] = field(default_factory=dict)


def field_summaries(process: Process, filters: BoardFilter | None = None) -> list[FieldSummary]:
    """Return each field of action (and off-topic) with its counts, in the process's order."""
    summaries = {code: FieldSummary(code, name) for code, name in field_names(process).items()}

    def grouped(column):
        query = assignments_query(process, filters, Assignment.field_code, column, func.count())
        return db.session.execute(query.group_by(Assignment.field_code, column)).all()

    for code, confirmed, count in grouped(Assignment.confirmed):
        summary = summaries.setdefault(code, FieldSummary(code, code))
        summary.total += count
        if confirmed:
            summary.confirmed += count
    for code, group_id, count in grouped(Contribution.target_group_id):
        summaries[code].by_target_group[group_id] = count
    for code, district_id, count in grouped(Contribution.district_id):
        summaries[code].by_district[district_id] = count
    for code, source, count in grouped(Contribution.source):
        summaries[code].by_source[ContributionSource(source).value] = count
    theme_query = assignments_query(
        process, filters, Assignment.field_code, AssignmentTheme.code, func.count()
    ).join(AssignmentTheme, AssignmentTheme.assignment_id == Assignment.id)
    for code, theme, count in db.session.execute(
        theme_query.group_by(Assignment.field_code, AssignmentTheme.code)
    ):
        summaries[code].by_theme[theme] = count
    return list(summaries.values())


def theme_counts(process: Process, filters: BoardFilter | None = None) -> dict[str, int]:
    query = assignments_query(process, filters, AssignmentTheme.code, func.count()).join(
        AssignmentTheme, AssignmentTheme.assignment_id == Assignment.id
    )
    return dict(db.session.execute(query.group_by(AssignmentTheme.code)).all())


def unanalysed_count(process: Process) -> int:
    """Count active contributions that no run has assigned yet (new since the last run)."""
    return db.session.scalar(
        select(func.count())
        .select_from(Contribution)
        .outerjoin(Assignment, Assignment.contribution_id == Contribution.id)
        .where(
            Contribution.process_id == process.id,
            Contribution.withdrawn.is_(False),
            Assignment.id.is_(None),
        )
    )


def latest_run(process: Process) -> AnalysisRun | None:
    return db.session.scalar(
        select(AnalysisRun)
        .where(AnalysisRun.process_id == process.id)
        .order_by(AnalysisRun.id.desc())
        .limit(1)
    )


def get_run(process: Process, run_id: int) -> AnalysisRun | None:
    run = db.session.get(AnalysisRun, run_id)
    return run if run is not None and run.process_id == process.id else None


def get_subtopic(process: Process, subtopic_id: int) -> Subtopic | None:
    subtopic = db.session.get(Subtopic, subtopic_id)
    return subtopic if subtopic is not None and subtopic.process_id == process.id else None


def get_assignment(process: Process, assignment_id: int) -> Assignment | None:
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.process_id != process.id:
        return None
    return assignment


@dataclass
class SubtopicSummary:
    subtopic: Subtopic | None  # None: contributions of the field without a sub-topic (yet)
    count: int
    quotes: list[Assignment] = field(default_factory=list)
    by_target_group: dict[int | None, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.subtopic.display_name if self.subtopic else _("Noch ohne Unterthema")


def subtopic_summaries(
    process: Process, field_code: str, filters: BoardFilter | None = None, with_quotes=True
) -> list[SubtopicSummary]:
    """Return the sub-topics of a field with counts and quotes, largest first.

    Named sub-topics without members are listed too (count 0), so the lead's work stays visible.
    """
    counts = db.session.execute(
        assignments_query(
            process, filters, Assignment.subtopic_id, Contribution.target_group_id, func.count()
        )
        .where(Assignment.field_code == field_code)
        .group_by(Assignment.subtopic_id, Contribution.target_group_id)
    ).all()
    totals: dict[int | None, int] = defaultdict(int)
    groups: dict[int | None, dict] = defaultdict(dict)
    for subtopic_id, group_id, count in counts:
        totals[subtopic_id] += count
        groups[subtopic_id][group_id] = count
    subtopics = {
        s.id: s
        for s in db.session.scalars(
            select(Subtopic).where(
                Subtopic.process_id == process.id, Subtopic.field_code == field_code
            )
        )
    }
    summaries = [
        SubtopicSummary(s, totals.get(sid, 0), by_target_group=groups.get(sid, {}))
        for sid, s in subtopics.items()
        if totals.get(sid) or (s.is_named and not (filters and filters.active))
    ]
    if totals.get(None):
        summaries.append(SubtopicSummary(None, totals[None], by_target_group=groups[None]))
    summaries.sort(key=lambda s: (s.subtopic is None, -s.count, s.name.lower()))
    if with_quotes:
        quotes = _quotes([s.subtopic.id for s in summaries if s.subtopic], filters, process)
        for summary in summaries:
            if summary.subtopic:
                summary.quotes = quotes.get(summary.subtopic.id, [])
    return summaries


def _quotes(subtopic_ids: list[int], filters, process) -> dict[int, list[Assignment]]:
    """Return up to three quotes per sub-topic: pinned first, then the representatives."""
    if not subtopic_ids:
        return {}
    query = (
        assignments_query(process, filters, Assignment)
        .where(
            Assignment.subtopic_id.in_(subtopic_ids),
            (Assignment.pinned.is_(True)) | (Assignment.is_representative.is_(True)),
        )
        .options(contains_eager(Assignment.contribution))
        .order_by(Assignment.pinned.desc(), Assignment.confidence.desc(), Assignment.id)
    )
    result: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in db.session.scalars(query):
        if len(result[assignment.subtopic_id]) < QUOTES_PER_SUBTOPIC:
            result[assignment.subtopic_id].append(assignment)
    return result


def contributions_page(
    process: Process,
    filters: BoardFilter | None,
    *,
    field_code: str | None = None,
    subtopic_id: int | None | bool = False,
    page: int = 1,
    per_page: int = PER_PAGE,
):
    """Return one page of assignments (with contribution and themes) for a list on the board.

    `subtopic_id` False: any; None: only those without a sub-topic; an id: that sub-topic.
    """
    query = assignments_query(process, filters, Assignment).options(
        contains_eager(Assignment.contribution).selectinload(Contribution.target_group),
        selectinload(Assignment.themes),
    )
    if field_code is not None:
        query = query.where(Assignment.field_code == field_code)
    if subtopic_id is None:
        query = query.where(Assignment.subtopic_id.is_(None))
    elif subtopic_id is not False:
        query = query.where(Assignment.subtopic_id == subtopic_id)
    query = query.order_by(Assignment.pinned.desc(), Contribution.created_at, Assignment.id)
    return db.paginate(query, page=page, per_page=per_page, error_out=False, count=True)


def review_candidates(process: Process, limit: int = 300) -> list[Assignment]:
    """Return unconfirmed assignments the model is least sure about (input for rank_for_review)."""
    query = (
        assignments_query(process, None, Assignment)
        .where(Assignment.confirmed.is_(False))
        .options(contains_eager(Assignment.contribution), selectinload(Assignment.themes))
        .order_by(Assignment.confidence, Assignment.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def confirmations_by_person(process: Process) -> list[tuple[str, int]]:
    """Return (person, number of confirmed assignments), most first."""
    rows = db.session.execute(
        assignments_query(process, None, StaffUser.display_name, func.count())
        .join(StaffUser, StaffUser.id == Assignment.confirmed_by_id)
        .where(Assignment.confirmed.is_(True))
        .group_by(StaffUser.id, StaffUser.display_name)
        .order_by(func.count().desc(), StaffUser.display_name)
    ).all()
    return [(name, count) for name, count in rows]


def other_subtopics(process: Process, subtopic: Subtopic) -> list[Subtopic]:
    return list(
        db.session.scalars(
            select(Subtopic)
            .where(
                Subtopic.process_id == process.id,
                Subtopic.field_code == subtopic.field_code,
                Subtopic.id != subtopic.id,
            )
            .order_by(Subtopic.position, Subtopic.id)
        )
    )


def all_subtopics(process: Process) -> list[Subtopic]:
    return list(
        db.session.scalars(
            select(Subtopic)
            .where(Subtopic.process_id == process.id)
            .order_by(Subtopic.field_code, Subtopic.position, Subtopic.id)
        )
    )


@dataclass
class ComparisonRow:
    code: str
    name: str
    before: int
    before_share: float
    now: int
    now_share: float

    @property
    def change(self) -> float:
        return self.now_share - self.before_share


def field_counts(process: Process) -> dict[str, int]:
    query = assignments_query(process, None, Assignment.field_code, func.count())
    return dict(db.session.execute(query.group_by(Assignment.field_code)).all())


def recertification_comparison(process: Process) -> list[ComparisonRow]:
    """Compare contributions per field of action in the predecessor process and now."""
    before = field_counts(process.predecessor) if process.predecessor else {}
    now = field_counts(process)
    total_before, total_now = sum(before.values()), sum(now.values())
    rows = []
    for code, name in field_names(process).items():
        b, n = before.get(code, 0), now.get(code, 0)
        rows.append(
            ComparisonRow(
                code,
                name,
                b,
                100.0 * b / total_before if total_before else 0.0,
                n,
                100.0 * n / total_now if total_now else 0.0,
            )
        )
    return rows


@dataclass
class ExportRow:
    contribution_id: int
    text: str
    source: str
    target_group: str
    district: str
    field_code: str
    field_name: str
    subtopic: str
    themes: list[str]
    confidence: float
    confirmed: bool
    created_at: object


def export_rows(process: Process) -> list[ExportRow]:
    """Return every analysed active contribution with its assignment, for the exports."""
    from participation.processes.models import District, TargetGroup

    fields = field_names(process)
    themes = theme_names(process)
    query = (
        assignments_query(
            process,
            None,
            Assignment.id,
            Contribution.id,
            Contribution.text,
            Contribution.source,
            TargetGroup.name,
            District.name,
            Assignment.field_code,
            Subtopic.name,
            Subtopic.label,
            Assignment.confidence,
            Assignment.confirmed,
            Contribution.created_at,
        )
        .outerjoin(TargetGroup, TargetGroup.id == Contribution.target_group_id)
        .outerjoin(District, District.id == Contribution.district_id)
        .outerjoin(Subtopic, Subtopic.id == Assignment.subtopic_id)
        .order_by(Contribution.created_at, Contribution.id)
    )
    rows = db.session.execute(query).all()
    theme_map = themes_by_assignment([r[0] for r in rows])
    return [
        ExportRow(
            contribution_id=cid,
            text=text,
            source=ContributionSource(source).title,
            target_group=group or "",
            district=district or "",
            field_code=code,
            field_name=fields.get(code, code),
            subtopic=name or label or "",
            themes=[themes.get(t, t) for t in theme_map.get(aid, [])],
            confidence=float(confidence or 0.0),
            confirmed=bool(confirmed),
            created_at=created_at,
        )
        for (
            aid,
            cid,
            text,
            source,
            group,
            district,
            code,
            name,
            label,
            confidence,
            confirmed,
            created_at,
        ) in rows
    ]
