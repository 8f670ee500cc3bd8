"""Every change on the workshop board: analysis runs, the learning loop and the lead's corrections."""

from __future__ import annotations

import logging
import shutil
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.orm import selectinload

from participation.contributions.models import Contribution
from participation.database import utcnow
from participation.extensions import db
from participation.i18n import _
from participation.processes.models import Process, TargetGroup
from participation.workshop.models import (
    OFF_TOPIC,
    AnalysisRun,
    Assignment,
    AssignmentTheme,
    RunStatus,
    Subtopic,
)
from participation.workshop.queries import themes_by_assignment

log = logging.getLogger(__name__)

CLASSIFY_BATCH = 500
# A run still "running" after this long is taken to have died with its worker.
STALE_RUN_AFTER = timedelta(hours=2)
# A new cluster takes over an old sub-topic (and its name) when they share this many members.
MIN_OVERLAP_JACCARD = 0.25
MIN_OVERLAP_OF_SMALLER = 0.5
MAX_NAME_LENGTH = 200


class WorkshopError(ValueError):
    """A board change was refused; the message is shown to the person."""


# -- the model: training records, training, loading ------------------------------------------


def model_dir(process: Process) -> Path:
    return Path(current_app.config["NLP_MODEL_DIR"]) / f"process-{process.id}"


def training_records(process: Process) -> list[dict]:
    """Return the confirmed or corrected assignments of active contributions as training records."""
    rows = db.session.execute(
        select(Assignment.id, Contribution.text, Assignment.field_code, Assignment.further_fields)
        .join(Contribution, Contribution.id == Assignment.contribution_id)
        .where(
            Assignment.process_id == process.id,
            Assignment.confirmed.is_(True),
            Contribution.withdrawn.is_(False),
        )
        .order_by(Assignment.id)
    ).all()
    themes = themes_by_assignment([row.id for row in rows])
    records = []
    for row in rows:
        further = [c for c in row.further_fields.split() if c and c != row.field_code]
        records.append(
            {
                "text": row.text,
                "field": row.field_code,
                "fields": [row.field_code, *further] if row.field_code != OFF_TOPIC else [],
                "themes": themes.get(row.id, []),
            }
        )
    return records


@lru_cache(maxsize=4)
def zero_shot_analyzer(frame: str):
    """Return the zero-shot analyzer of a shipped frame.

    Memoised per worker: it depends only on the frame's data files, and building it fits the
    seed models, which takes seconds.
    """
    from nlp.api import Analyzer

    return Analyzer.zero_shot(frame=frame)


def train_model(process: Process):
    """Train the process's classifier on the lead's confirmations and save it.

    With no confirmations the zero-shot analyzer of the process's frame is returned and an
    earlier saved model is removed. Returns (analyzer, number of training records).
    """
    from nlp.api import Analyzer

    records = training_records(process)
    directory = model_dir(process)
    if not records:
        shutil.rmtree(directory, ignore_errors=True)
        return zero_shot_analyzer(process.frame_name), 0
    analyzer = Analyzer.train(records, frame=process.frame_name)
    analyzer.save(directory)
    return analyzer, len(records)


def current_analyzer(process: Process):
    """Return the process's saved trained model, or the zero-shot analyzer if there is none."""
    from nlp.api import Analyzer

    directory = model_dir(process)
    if directory.exists():
        try:
            return Analyzer.load(directory)
        except ValueError:
            log.warning("unreadable model in %s; using zero-shot", directory)
    return zero_shot_analyzer(process.frame_name)


# -- analysis runs --------------------------------------------------------------------------


def active_run(process: Process) -> AnalysisRun | None:
    return db.session.scalar(
        select(AnalysisRun)
        .where(
            AnalysisRun.process_id == process.id,
            AnalysisRun.status.in_([RunStatus.QUEUED, RunStatus.RUNNING]),
        )
        .order_by(AnalysisRun.id.desc())
        .limit(1)
    )


def start_run(process: Process, started_by: str = "") -> AnalysisRun:
    """Queue an analysis run; refuse while another run of the process is under way. Flushes."""
    running = active_run(process)
    if running is not None:
        created = running.created_at
        if created.tzinfo is None:  # SQLite returns naive datetimes
            from datetime import UTC

            created = created.replace(tzinfo=UTC)
        if utcnow() - created < STALE_RUN_AFTER:
            raise WorkshopError(_("Es läuft bereits eine Analyse für dieses Verfahren."))
        running.status = RunStatus.FAILED
        running.error = "abgebrochen (keine Rückmeldung)"
    run = AnalysisRun(process_id=process.id, started_by=started_by[:254])
    db.session.add(run)
    db.session.flush()
    return run


def launch_run(run: AnalysisRun) -> None:
    """Execute `run` in a background thread (or inline when testing); the run must be committed."""
    app = current_app._get_current_object()
    if not app.config.get("WORKSHOP_BACKGROUND_RUNS", not app.testing):
        execute_run(run.id)
        return

    def work():
        with app.app_context():
            try:
                execute_run(run.id)
            finally:
                db.session.remove()

    threading.Thread(target=work, name=f"workshop-run-{run.id}", daemon=True).start()


@dataclass
class _Row:
    contribution_id: int
    text: str
    target_group: str | None


def execute_run(run_id: int, progress: Callable[[AnalysisRun], None] | None = None) -> AnalysisRun:
    """Train, classify every active contribution, cluster each field and store the result.

    Progress is committed as the run goes; the board's assignments are written in one
    transaction at the end, so a failed run leaves the previous result intact.
    """
    run = db.session.get(AnalysisRun, run_id)
    process = db.session.get(Process, run.process_id)
    run.status, run.started_at, run.step = RunStatus.RUNNING, utcnow(), "train"
    db.session.commit()
    try:
        analyzer, run.training_size = train_model(process)
        run.model_kind = "trained" if run.training_size else "zero_shot"
        rows = _active_rows(process)
        run.total, run.processed, run.step = 2 * len(rows), 0, "classify"
        _report(run, progress)
        classifications = []
        for start in range(0, len(rows), CLASSIFY_BATCH):
            batch = rows[start : start + CLASSIFY_BATCH]
            classifications.extend(analyzer.classify([r.text for r in batch]))
            run.processed += len(batch)
            _report(run, progress)
        run.step = "cluster"
        _report(run, progress)
        _store_result(process, run, rows, classifications, progress)
        run.status, run.step, run.finished_at = RunStatus.DONE, "done", utcnow()
        run.processed = run.total
        db.session.commit()
    except Exception as exc:
        log.exception("workshop analysis run %s failed", run_id)
        db.session.rollback()
        run = db.session.get(AnalysisRun, run_id)
        run.status, run.finished_at = RunStatus.FAILED, utcnow()
        run.error = f"{type(exc).__name__}: {exc}"[:2000]
        db.session.commit()
    if progress is not None:
        progress(run)
    return run


def _report(run: AnalysisRun, progress) -> None:
    db.session.commit()
    if progress is not None:
        progress(run)


def _active_rows(process: Process) -> list[_Row]:
    result = db.session.execute(
        select(Contribution.id, Contribution.text, TargetGroup.code)
        .outerjoin(TargetGroup, TargetGroup.id == Contribution.target_group_id)
        .where(Contribution.process_id == process.id, Contribution.withdrawn.is_(False))
        .order_by(Contribution.id)
    )
    return [_Row(cid, text, group) for cid, text, group in result]


def _store_result(process, run, rows, classifications, progress) -> None:
    with db.session.no_autoflush:
        _store_assignments(process, run, rows, classifications, progress)
    db.session.flush()
    _remove_empty_subtopics(process)


def _store_assignments(process, run, rows, classifications, progress) -> None:
    from nlp.api import cluster_field, field_examples

    field_codes = {f.code for f in process.fields_of_action}
    theme_codes = {t.code for t in process.themes}
    existing = {
        a.contribution_id: a
        for a in db.session.scalars(
            select(Assignment)
            .where(Assignment.process_id == process.id)
            .options(selectinload(Assignment.themes))
        )
    }
    old_members: dict[int, set[int]] = defaultdict(set)
    for a in existing.values():
        if a.subtopic_id is not None and not a.subtopic_locked:
            old_members[a.subtopic_id].add(a.contribution_id)

    assignments: list[Assignment] = []
    for row, result in zip(rows, classifications, strict=True):
        a = existing.get(row.contribution_id)
        if a is None:
            a = Assignment(
                process_id=process.id,
                contribution_id=row.contribution_id,
                field_code=OFF_TOPIC,
                further_fields="",
                themes=[],
            )
            db.session.add(a)
        a.run_id = run.id
        a.confidence = float(result.confidence)
        a.needs_review = bool(result.needs_review)
        a.is_representative = False
        if not a.confirmed:
            field = result.field if result.field in field_codes else OFF_TOPIC
            a.field_code = field
            further = [f for f in result.fields if f in field_codes and f != field]
            a.further_fields = " ".join(further)[:200]
            _replace_themes(a, [] if field == OFF_TOPIC else result.themes, theme_codes)
        assignments.append(a)

    by_field: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(assignments):
        if a.field_code != OFF_TOPIC and not a.subtopic_locked:
            by_field[a.field_code].append(i)
        elif a.field_code == OFF_TOPIC and not a.subtopic_locked:
            a.subtopic_id = None
    subtopics = {
        s.id: s
        for s in db.session.scalars(select(Subtopic).where(Subtopic.process_id == process.id))
    }
    position_of = {row.contribution_id: i for i, row in enumerate(rows)}
    used: set[int] = set()
    for field in sorted(by_field):
        index = by_field[field]
        clusters = cluster_field(
            [rows[i].text for i in index],
            target_groups=[rows[i].target_group for i in index],
            random_state=0,
            reference=field_examples(process.frame_name, field),
        )
        candidates = {
            sid: old_members[sid] for sid, s in subtopics.items() if s.field_code == field
        }
        matches = _match_clusters(
            [{index[m] for m in c.members} for c in clusters],
            {
                sid: {position_of.get(cid, -1) for cid in members}
                for sid, members in candidates.items()
            },
            used,
        )
        for number, cluster in enumerate(clusters):
            subtopic = subtopics.get(matches.get(number))
            if subtopic is None:
                subtopic = Subtopic(process_id=process.id, field_code=field, name=None)
                db.session.add(subtopic)
                db.session.flush()
                subtopics[subtopic.id] = subtopic
            used.add(subtopic.id)
            subtopic.label = (cluster.label or "")[:MAX_NAME_LENGTH]
            subtopic.position = number
            for m in cluster.members:
                assignments[index[m]].subtopic_id = subtopic.id
            for m in cluster.representatives:
                assignments[index[m]].is_representative = True
        run.processed += len(index)
        if progress is not None:
            progress(run)


def _match_clusters(
    new: list[set[int]], old: dict[int, set[int]], used: set[int]
) -> dict[int, int]:
    """Pair new clusters with old sub-topics by member overlap, best pairs first."""
    pairs = []
    for number, members in enumerate(new):
        for subtopic_id, previous in old.items():
            overlap = len(members & previous)
            if not overlap or subtopic_id in used:
                continue
            jaccard = overlap / len(members | previous)
            of_smaller = overlap / min(len(members), len(previous))
            if jaccard >= MIN_OVERLAP_JACCARD or of_smaller >= MIN_OVERLAP_OF_SMALLER:
                pairs.append((jaccard, overlap, -subtopic_id, number, subtopic_id))
    matches: dict[int, int] = {}
    taken: set[int] = set()
    for *_score, number, subtopic_id in sorted(pairs, reverse=True):
        if number not in matches and subtopic_id not in taken:
            matches[number] = subtopic_id
            taken.add(subtopic_id)
    return matches


def _remove_empty_subtopics(process: Process) -> None:
    """Delete sub-topics without members unless the lead named them."""
    occupied = select(Assignment.subtopic_id).where(
        Assignment.process_id == process.id, Assignment.subtopic_id.is_not(None)
    )
    db.session.execute(
        delete(Subtopic).where(
            Subtopic.process_id == process.id,
            Subtopic.name.is_(None),
            Subtopic.id.not_in(occupied),
        )
    )


def _replace_themes(assignment: Assignment, codes: Iterable[str], valid: set[str]) -> None:
    wanted = [c for c in dict.fromkeys(codes) if c in valid]
    current = {t.code: t for t in assignment.themes}
    for code, theme in current.items():
        if code not in wanted:
            assignment.themes.remove(theme)
    for code in wanted:
        if code not in current:
            assignment.themes.append(AssignmentTheme(code=code))


# -- the lead's corrections -------------------------------------------------------------------


def _confirm(assignment: Assignment, user) -> None:
    assignment.confirmed = True
    assignment.confirmed_by_id = getattr(user, "id", None)
    assignment.confirmed_at = utcnow()


def valid_field_codes(process: Process) -> list[str]:
    return [f.code for f in process.fields_of_action] + [OFF_TOPIC]


def confirm_assignment(assignment: Assignment, user) -> None:
    """Confirm field and themes as they are; the caller commits."""
    _confirm(assignment, user)


def set_field(process: Process, assignment: Assignment, field_code: str, user) -> None:
    """Move a contribution to another field of action (or off-topic) and confirm it."""
    if field_code not in valid_field_codes(process):
        raise WorkshopError(_("Bitte ein Handlungsfeld aus der Liste wählen."))
    if assignment.field_code != field_code:
        assignment.field_code = field_code
        assignment.further_fields = " ".join(
            c for c in assignment.further_field_codes if c != field_code
        )
        if assignment.subtopic is None or assignment.subtopic.field_code != field_code:
            assignment.subtopic_id = None
            assignment.subtopic_locked = False
            assignment.pinned = False
            assignment.is_representative = False
        if field_code == OFF_TOPIC:
            assignment.further_fields = ""
            _replace_themes(assignment, [], set())
    _confirm(assignment, user)


def mark_off_topic(process: Process, assignment: Assignment, user) -> None:
    set_field(process, assignment, OFF_TOPIC, user)


def set_themes(process: Process, assignment: Assignment, codes: Iterable[str], user) -> None:
    """Replace the cross-cutting themes of a contribution and confirm it."""
    valid = {t.code for t in process.themes}
    codes = list(codes)
    if any(code not in valid for code in codes):
        raise WorkshopError(_("Bitte nur Querschnittsthemen aus der Liste wählen."))
    _replace_themes(assignment, codes, valid)
    _confirm(assignment, user)


def move_to_subtopic(process: Process, assignment: Assignment, subtopic: Subtopic, user) -> None:
    """Put a contribution into a sub-topic (and its field); re-runs keep it there."""
    if subtopic.process_id != process.id:
        raise WorkshopError(_("Dieses Unterthema gehört nicht zu diesem Verfahren."))
    if assignment.field_code != subtopic.field_code:
        set_field(process, assignment, subtopic.field_code, user)
    if assignment.subtopic_id != subtopic.id:
        assignment.pinned = False
        assignment.is_representative = False
    assignment.subtopic_id = subtopic.id
    assignment.subtopic_locked = True
    _confirm(assignment, user)


def set_pinned(assignment: Assignment, pinned: bool) -> None:
    """Pin (or unpin) a contribution as a representative quote of its sub-topic."""
    if pinned and assignment.subtopic_id is None:
        raise WorkshopError(_("Nur Beiträge in einem Unterthema können als Zitat markiert werden."))
    assignment.pinned = pinned


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise WorkshopError(_("Bitte einen Namen angeben."))
    if len(name) > MAX_NAME_LENGTH:
        raise WorkshopError(_("Der Name darf höchstens 200 Zeichen haben."))
    return name


def rename_subtopic(subtopic: Subtopic, name: str) -> None:
    """Name a sub-topic; named sub-topics keep their name across re-runs."""
    subtopic.name = _clean_name(name)


def merge_subtopics(process: Process, target: Subtopic, source: Subtopic, user) -> None:
    """Move every member of `source` into `target` and delete `source`; both must share a field."""
    if target.process_id != process.id or source.process_id != process.id:
        raise WorkshopError(_("Dieses Unterthema gehört nicht zu diesem Verfahren."))
    if target.id == source.id:
        raise WorkshopError(_("Bitte ein anderes Unterthema wählen."))
    if target.field_code != source.field_code:
        raise WorkshopError(
            _("Nur Unterthemen desselben Handlungsfelds können zusammengelegt werden.")
        )
    if not target.name:
        target.name = target.display_name[:MAX_NAME_LENGTH]
    now = utcnow()
    user_id = getattr(user, "id", None)
    for subtopic_id in (source.id, target.id):
        db.session.execute(
            update(Assignment)
            .where(Assignment.subtopic_id == subtopic_id, Assignment.process_id == process.id)
            .values(subtopic_id=target.id, subtopic_locked=True)
        )
    db.session.execute(
        update(Assignment)
        .where(
            Assignment.subtopic_id == target.id,
            Assignment.process_id == process.id,
            Assignment.confirmed.is_(False),
        )
        .values(confirmed=True, confirmed_by_id=user_id, confirmed_at=now)
    )
    db.session.delete(source)
    db.session.flush()
    db.session.expire_all()


def split_subtopic(
    process: Process, subtopic: Subtopic, assignment_ids: Iterable[int], name: str, user
) -> Subtopic:
    """Move the chosen members of a sub-topic into a new, named sub-topic of the same field."""
    name = _clean_name(name)
    ids = set(assignment_ids)
    members = list(
        db.session.scalars(
            select(Assignment).where(
                Assignment.process_id == process.id,
                Assignment.subtopic_id == subtopic.id,
                Assignment.id.in_(ids or {-1}),
            )
        )
    )
    if not members or len(members) != len(ids):
        raise WorkshopError(_("Bitte mindestens einen Beitrag dieses Unterthemas auswählen."))
    new = Subtopic(process_id=process.id, field_code=subtopic.field_code, label=name, name=name)
    db.session.add(new)
    db.session.flush()
    for assignment in members:
        assignment.subtopic_id = new.id
        assignment.subtopic_locked = True
        assignment.is_representative = False
        _confirm(assignment, user)
    return new
