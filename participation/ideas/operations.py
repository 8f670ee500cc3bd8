"""Every change to idea boards, ideas, comments, supports and reports.

The caller commits. Where a unique constraint refuses a second row (a form sent twice, a second
support or report), the operation rolls the session back and raises, so nothing is stored twice.
"""

from __future__ import annotations

import functools
import logging
import threading

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from participation.accounts.operations import log_action
from participation.contributions.models import ContributionSource
from participation.contributions.operations import record_contribution, set_contribution_withdrawn
from participation.database import utcnow
from participation.extensions import db
from participation.i18n import _
from participation.ideas.models import (
    AUTHOR_MAX,
    COMMENT_MAX,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Board,
    BoardState,
    Idea,
    IdeaComment,
    IdeaReport,
    IdeaStatus,
    IdeaSupport,
    ModerationMode,
    PostState,
    ReportTarget,
)
from participation.ideas.spam import check_links, clean_text
from participation.processes.models import District, FieldOfAction, Process, TargetGroup

log = logging.getLogger(__name__)

STATUS_ORDER = [
    IdeaStatus.NEW,
    IdeaStatus.UNDER_REVIEW,
    IdeaStatus.IN_WORKSHOP,
    IdeaStatus.IN_GOAL_AGREEMENT,
    IdeaStatus.IMPLEMENTED,
]


class IdeaError(ValueError):
    """A change was refused; the message is shown to the person."""


class DuplicateSubmission(IdeaError):
    """The same form was sent twice; `existing` is what the first submission stored."""

    def __init__(self, message: str, existing=None):
        super().__init__(message)
        self.existing = existing


# --- boards -------------------------------------------------------------------------------------


def create_board(
    process: Process,
    title: str,
    *,
    description: str = "",
    state: BoardState = BoardState.OPEN,
    moderation: ModerationMode = ModerationMode.POST,
    field_of_action: FieldOfAction | None = None,
    district: District | None = None,
) -> Board:
    board = Board(process_id=process.id, process=process)
    _apply_board(board, title, description, state, moderation, field_of_action, district)
    db.session.add(board)
    db.session.flush()
    log_action("idea_board_created", f"idea_board:{board.id}", process=process, title=board.title)
    return board


def update_board(
    board: Board,
    title: str,
    *,
    description: str = "",
    state: BoardState = BoardState.OPEN,
    moderation: ModerationMode = ModerationMode.POST,
    field_of_action: FieldOfAction | None = None,
    district: District | None = None,
) -> Board:
    _apply_board(board, title, description, state, moderation, field_of_action, district)
    log_action(
        "idea_board_changed",
        f"idea_board:{board.id}",
        process=board.process,
        state=board.state.value,
        moderation=board.moderation.value,
    )
    return board


def _apply_board(board, title, description, state, moderation, field_of_action, district):
    title = clean_text(title)
    if not title:
        raise IdeaError(_("Bitte einen Titel für die Ideenbörse angeben."))
    process_id = board.process_id
    for item in (field_of_action, district):
        if item is not None and item.process_id != process_id:
            raise IdeaError(_("Diese Auswahl gehört nicht zu diesem Verfahren."))
    board.title = title[:200]
    board.description = clean_text(description)[:5000]
    board.state = state
    board.moderation = moderation
    board.field_of_action_id = field_of_action.id if field_of_action else None
    board.district_id = district.id if district else None


# --- NLP suggestion ----------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _analyzer(frame: str):
    """Return the zero-shot analyzer of a coding frame, built once per process and frame."""
    from nlp.api import Analyzer

    return Analyzer.zero_shot(frame=frame)


_warm_lock = threading.Lock()
_warm_events: dict[str, threading.Event] = {}


def warm_up(frame: str) -> threading.Event:
    """Build the analyzer of `frame` in the background; the event is set when it is ready."""
    with _warm_lock:
        event = _warm_events.get(frame)
        if event is None:
            event = _warm_events[frame] = threading.Event()

            def build():
                try:
                    _build_in_subprocess(frame)
                    _analyzer(frame)
                except Exception:  # noqa: BLE001 - no suggestion is better than no start-up
                    log.warning("could not build the %s analyzer", frame, exc_info=True)
                finally:
                    event.set()

            threading.Thread(target=build, name=f"nlp-warm-up-{frame}", daemon=True).start()
    return event


def _build_in_subprocess(frame: str) -> None:
    """Fit the zero-shot models in another process, which caches them on disk.

    Fitting in a thread of the web process would hold the interpreter lock for seconds and
    stall every request; loading the cached models afterwards takes well under a second.
    One worker builds while the others wait on a lock file.
    """
    import fcntl
    import subprocess
    import sys

    from nlp.api import zero_shot_cache_file

    cache = zero_shot_cache_file(frame)
    if cache.exists():
        return
    cache.parent.mkdir(parents=True, exist_ok=True)
    with open(cache.parent / f".{frame}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not cache.exists():
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    f"from nlp.api import Analyzer; Analyzer.zero_shot({frame!r})",
                ],
                check=True,
                timeout=600,
                capture_output=True,
            )


def suggest_field(process: Process, text: str) -> FieldOfAction | None:
    """Return the field of action the NLP module suggests for a text, or None without one.

    A participant never waits long for a suggestion: while the analyzer is still being built
    (right after start-up), the preview goes without one after NLP_SUGGESTION_WAIT_SECONDS.
    """
    wait = current_app.config.get("NLP_SUGGESTION_WAIT_SECONDS")
    if wait is not None and not warm_up(process.frame_name).wait(wait):
        return None
    try:
        analyzer = _analyzer(process.frame_name)
    except ImportError:  # the NLP package is not installed or not merged yet
        return None
    try:
        code = analyzer.classify([text])[0].field
    except Exception:  # noqa: BLE001 - a suggestion must never stop anyone from posting
        log.warning("field suggestion failed", exc_info=True)
        return None
    return process.field_by_code(code)


# --- posting -----------------------------------------------------------------------------------


def _check_length(value: str, maximum: int, empty_message: str, long_message: str) -> None:
    if not value:
        raise IdeaError(empty_message)
    if len(value) > maximum:
        raise IdeaError(long_message)


def _flush_unique(model, submission_key: str | None):
    """Flush; on a repeated one-time form key, roll back and raise DuplicateSubmission."""
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        existing = None
        if submission_key:
            existing = db.session.scalar(
                select(model).where(model.submission_key == submission_key)
            )
        if existing is None:
            raise
        raise DuplicateSubmission(_("Ihr Beitrag ist bereits gespeichert."), existing) from None


def _contribution_text(idea: Idea) -> str:
    return f"{idea.title}\n\n{idea.text}"


def post_idea(
    board: Board,
    *,
    title: str,
    text: str,
    district: District | None = None,
    field_of_action: FieldOfAction | None = None,
    suggested_field: FieldOfAction | None = None,
    target_group: TargetGroup | None = None,
    author_name: str = "",
    submission_key: str | None = None,
) -> Idea:
    """Post an idea and record it as a contribution; under pre-moderation it waits for approval."""
    if not board.is_open:
        raise IdeaError(_("In dieser Ideenbörse können keine neuen Ideen eingereicht werden."))
    title, text, author_name = clean_text(title), clean_text(text), clean_text(author_name)
    _check_length(
        title,
        TITLE_MAX,
        _("Bitte geben Sie einen Titel an."),
        _("Der Titel darf höchstens %(n)s Zeichen lang sein.", n=TITLE_MAX),
    )
    _check_length(
        text,
        TEXT_MAX,
        _("Bitte beschreiben Sie Ihre Idee."),
        _("Der Text darf höchstens %(n)s Zeichen lang sein.", n=TEXT_MAX),
    )
    if len(author_name) > AUTHOR_MAX:
        raise IdeaError(_("Der Name darf höchstens %(n)s Zeichen lang sein.", n=AUTHOR_MAX))
    check_links(f"{title} {text} {author_name}")
    for item in (district, field_of_action, suggested_field, target_group):
        if item is not None and item.process_id != board.process_id:
            raise IdeaError(_("Diese Auswahl gehört nicht zu diesem Verfahren."))
    if submission_key:
        existing = db.session.scalar(select(Idea).where(Idea.submission_key == submission_key))
        if existing is not None:
            raise DuplicateSubmission(_("Ihre Idee ist bereits gespeichert."), existing)
    pending = board.moderation is ModerationMode.PRE
    idea = Idea(
        process_id=board.process_id,
        board_id=board.id,
        board=board,
        title=title,
        text=text,
        search_text=f"{title}\n{text}".casefold(),
        author_name=author_name,
        district_id=district.id if district else None,
        field_of_action_id=field_of_action.id if field_of_action else None,
        suggested_field_id=suggested_field.id if suggested_field else None,
        target_group_id=target_group.id if target_group else None,
        state=PostState.PENDING if pending else PostState.PUBLISHED,
        submission_key=submission_key,
        created_at=utcnow(),
    )
    db.session.add(idea)
    _flush_unique(Idea, submission_key)
    contribution = record_contribution(
        board.process,
        ContributionSource.IDEA,
        idea.id,
        _contribution_text(idea),
        target_group=target_group,
        district=district,
        source_label=board.title,
        created_at=idea.created_at,
    )
    if pending and contribution is not None:
        contribution.withdrawn = True
    return idea


def can_comment(idea: Idea) -> str | None:
    """Return why nobody can comment on the idea now, or None if comments are open."""
    if not idea.board.is_open:
        return _("Diese Ideenbörse ist geschlossen; Kommentare sind nicht mehr möglich.")
    if idea.is_merged:
        return _("Diese Idee wurde mit einer anderen zusammengeführt; bitte kommentieren Sie dort.")
    if not idea.is_published:
        return _("Diese Idee ist nicht sichtbar; Kommentare sind nicht möglich.")
    return None


def add_comment(
    idea: Idea,
    *,
    text: str,
    author_name: str = "",
    target_group: TargetGroup | None = None,
    parent: IdeaComment | None = None,
    submission_key: str | None = None,
) -> IdeaComment:
    """Comment on an idea (or reply to a comment) and record it as a contribution."""
    refusal = can_comment(idea)
    if refusal:
        raise IdeaError(refusal)
    text, author_name = clean_text(text), clean_text(author_name)
    _check_length(
        text,
        COMMENT_MAX,
        _("Bitte schreiben Sie einen Kommentar."),
        _("Der Kommentar darf höchstens %(n)s Zeichen lang sein.", n=COMMENT_MAX),
    )
    if len(author_name) > AUTHOR_MAX:
        raise IdeaError(_("Der Name darf höchstens %(n)s Zeichen lang sein.", n=AUTHOR_MAX))
    check_links(f"{text} {author_name}")
    if target_group is not None and target_group.process_id != idea.process_id:
        raise IdeaError(_("Diese Auswahl gehört nicht zu diesem Verfahren."))
    if parent is not None:
        if parent.idea_id != idea.id:
            raise IdeaError(
                _("Der Kommentar, auf den Sie antworten, gehört zu einer anderen Idee.")
            )
        if not parent.is_published:
            raise IdeaError(_("Auf diesen Kommentar kann man nicht antworten."))
        # One level of replies: a reply to a reply joins the same thread.
        if parent.parent_id is not None:
            parent = parent.parent
    if submission_key:
        existing = db.session.scalar(
            select(IdeaComment).where(IdeaComment.submission_key == submission_key)
        )
        if existing is not None:
            raise DuplicateSubmission(_("Ihr Kommentar ist bereits gespeichert."), existing)
    pending = idea.board.moderation is ModerationMode.PRE
    comment = IdeaComment(
        process_id=idea.process_id,
        idea_id=idea.id,
        idea=idea,
        parent_id=parent.id if parent else None,
        text=text,
        author_name=author_name,
        target_group_id=target_group.id if target_group else None,
        state=PostState.PENDING if pending else PostState.PUBLISHED,
        submission_key=submission_key,
        created_at=utcnow(),
    )
    db.session.add(comment)
    _flush_unique(IdeaComment, submission_key)
    contribution = record_contribution(
        idea.board.process,
        ContributionSource.COMMENT,
        comment.id,
        text,
        target_group=target_group,
        district=idea.district,
        source_label=idea.board.title,
        created_at=comment.created_at,
    )
    if pending and contribution is not None:
        contribution.withdrawn = True
    return comment


class AlreadyDone(IdeaError):
    """A support or report was sent a second time; nothing new was stored."""


def support_idea(idea: Idea, supporter_hash: str) -> IdeaSupport:
    """Count one person's support once; a second support raises AlreadyDone."""
    if not idea.board.is_open:
        raise IdeaError(_("Diese Ideenbörse ist geschlossen; Unterstützen ist nicht mehr möglich."))
    if idea.is_merged:
        raise IdeaError(_("Diese Idee wurde mit einer anderen zusammengeführt."))
    if not idea.is_published:
        raise IdeaError(_("Diese Idee ist nicht sichtbar."))
    already = _("Sie unterstützen diese Idee bereits.")
    idea_id = idea.id
    if db.session.scalar(
        select(IdeaSupport.id).where(
            IdeaSupport.idea_id == idea_id, IdeaSupport.supporter_hash == supporter_hash
        )
    ):
        raise AlreadyDone(already)
    support = IdeaSupport(idea_id=idea_id, supporter_hash=supporter_hash)
    db.session.add(support)
    try:
        db.session.flush()
    except IntegrityError:  # the same person, at the same moment, in another request
        db.session.rollback()
        raise AlreadyDone(already) from None
    return support


def report_post(
    process: Process, target: ReportTarget, target_id: int, reason: str, reporter_hash: str
) -> IdeaReport:
    """File a report of an idea or comment for the moderation queue; once per person and post."""
    reason = clean_text(reason)
    _check_length(
        reason,
        REASON_MAX,
        _("Bitte nennen Sie kurz den Grund Ihrer Meldung."),
        _("Der Grund darf höchstens %(n)s Zeichen lang sein.", n=REASON_MAX),
    )
    already = _("Sie haben diesen Beitrag bereits gemeldet. Die Moderation kümmert sich darum.")
    existing = db.session.scalar(
        select(IdeaReport.id).where(
            IdeaReport.target == target,
            IdeaReport.target_id == target_id,
            IdeaReport.reporter_hash == reporter_hash,
        )
    )
    if existing:
        raise AlreadyDone(already)
    report = IdeaReport(
        process_id=process.id,
        target=target,
        target_id=target_id,
        reason=reason,
        reporter_hash=reporter_hash,
    )
    db.session.add(report)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise AlreadyDone(already) from None
    return report


# --- moderation --------------------------------------------------------------------------------


def _resolve_reports(target: ReportTarget, target_id: int, resolution: str) -> int:
    result = db.session.execute(
        update(IdeaReport)
        .where(
            IdeaReport.target == target,
            IdeaReport.target_id == target_id,
            IdeaReport.resolved_at.is_(None),
        )
        .values(resolved_at=utcnow(), resolution=resolution)
    )
    return result.rowcount or 0


def _post_kind(post) -> tuple[ReportTarget, ContributionSource]:
    if isinstance(post, Idea):
        return ReportTarget.IDEA, ContributionSource.IDEA
    return ReportTarget.COMMENT, ContributionSource.COMMENT


def _process_of(post) -> Process:
    return post.board.process if isinstance(post, Idea) else post.idea.board.process


def approve_post(post: Idea | IdeaComment) -> None:
    """Publish a waiting post, or keep a reported one: its reports are closed."""
    target, source = _post_kind(post)
    if post.is_hidden:
        raise IdeaError(_("Dieser Beitrag ist ausgeblendet; bitte „Wiederherstellen“ wählen."))
    before = post.state
    post.state = PostState.PUBLISHED
    set_contribution_withdrawn(source, post.id, False)
    closed = _resolve_reports(target, post.id, "kept")
    log_action(
        f"{target.value}_approved",
        f"{target.value}:{post.id}",
        process=_process_of(post),
        before=before.value,
        reports_closed=closed,
    )


def hide_post(post: Idea | IdeaComment, reason: str) -> None:
    """Hide a post; the reason is shown in place of its text and its contribution is withdrawn."""
    target, source = _post_kind(post)
    reason = clean_text(reason)
    if not reason:
        raise IdeaError(_("Bitte geben Sie einen Grund an; er wird anstelle des Textes gezeigt."))
    if len(reason) > REASON_MAX:
        raise IdeaError(_("Der Grund darf höchstens %(n)s Zeichen lang sein.", n=REASON_MAX))
    before = post.state
    post.state = PostState.HIDDEN
    post.hidden_reason = reason
    set_contribution_withdrawn(source, post.id, True)
    closed = _resolve_reports(target, post.id, "hidden")
    log_action(
        f"{target.value}_hidden",
        f"{target.value}:{post.id}",
        process=_process_of(post),
        before=before.value,
        reason=reason,
        reports_closed=closed,
    )


def restore_post(post: Idea | IdeaComment) -> None:
    """Show a hidden post again and restore its contribution."""
    target, source = _post_kind(post)
    if not post.is_hidden:
        raise IdeaError(_("Dieser Beitrag ist nicht ausgeblendet."))
    post.state = PostState.PUBLISHED
    post.hidden_reason = ""
    set_contribution_withdrawn(source, post.id, False)
    log_action(f"{target.value}_restored", f"{target.value}:{post.id}", process=_process_of(post))


def dismiss_report(report: IdeaReport) -> None:
    """Close one report without changing the post."""
    if report.resolved_at is not None:
        raise IdeaError(_("Diese Meldung ist bereits erledigt."))
    report.resolved_at = utcnow()
    report.resolution = "dismissed"
    log_action(
        "idea_report_dismissed",
        f"{report.target.value}:{report.target_id}",
        process=db.session.get(Process, report.process_id),
        report=report.id,
    )


def merge_ideas(duplicate: Idea, kept: Idea) -> int:
    """Merge a duplicate into the kept idea: supports combined once each, comments moved.

    Returns the number of supports the kept idea gained.
    """
    if duplicate.id == kept.id:
        raise IdeaError(_("Eine Idee kann nicht mit sich selbst zusammengeführt werden."))
    if duplicate.process_id != kept.process_id:
        raise IdeaError(_("Die Ideen gehören zu verschiedenen Verfahren."))
    if duplicate.is_merged:
        raise IdeaError(_("Diese Idee ist bereits mit einer anderen zusammengeführt."))
    if kept.is_merged:
        raise IdeaError(_("Die Ziel-Idee ist selbst ein Duplikat; bitte die andere Idee wählen."))
    kept_hashes = select(IdeaSupport.supporter_hash).where(IdeaSupport.idea_id == kept.id)
    moved = db.session.execute(
        update(IdeaSupport)
        .where(IdeaSupport.idea_id == duplicate.id, IdeaSupport.supporter_hash.not_in(kept_hashes))
        .values(idea_id=kept.id)
    ).rowcount
    db.session.execute(delete(IdeaSupport).where(IdeaSupport.idea_id == duplicate.id))
    comments = db.session.scalars(
        select(IdeaComment).where(IdeaComment.idea_id == duplicate.id)
    ).all()
    for comment in comments:
        comment.idea_id = kept.id
        comment.idea = kept
        record_contribution(
            kept.board.process,
            ContributionSource.COMMENT,
            comment.id,
            comment.text,
            target_group=comment.target_group,
            district=kept.district,
            source_label=kept.board.title,
        )
        if not comment.is_published:
            set_contribution_withdrawn(ContributionSource.COMMENT, comment.id, True)
    duplicate.merged_into_id = kept.id
    _resolve_reports(ReportTarget.IDEA, duplicate.id, "merged")
    log_action(
        "idea_merged",
        f"idea:{duplicate.id}",
        process=kept.board.process,
        into=kept.id,
        supports_moved=moved,
        comments_moved=len(comments),
    )
    return moved


def set_status(idea: Idea, status: IdeaStatus, answer: str) -> None:
    """Set what became of an idea with the lead's public answer.

    The status moves forward along the workflow; "not pursued" needs a reason and can be
    reopened for review.
    """
    answer = clean_text(answer)
    if len(answer) > TEXT_MAX:
        raise IdeaError(_("Die Antwort darf höchstens %(n)s Zeichen lang sein.", n=TEXT_MAX))
    if status is IdeaStatus.NOT_PURSUED and not answer:
        raise IdeaError(
            _("Bitte begründen Sie öffentlich, warum die Idee nicht weiterverfolgt wird.")
        )
    current = idea.status
    if status is not current:
        if current is IdeaStatus.NOT_PURSUED:
            allowed = status is not IdeaStatus.NEW
        elif status is IdeaStatus.NOT_PURSUED:
            allowed = current is not IdeaStatus.IMPLEMENTED
        else:
            allowed = STATUS_ORDER.index(status) > STATUS_ORDER.index(current)
        if not allowed:
            raise IdeaError(
                _(
                    "Der Status „%(current)s“ kann nicht zu „%(new)s“ geändert werden.",
                    current=current.title,
                    new=status.title,
                )
            )
    idea.status = status
    if answer != idea.answer:
        idea.answer = answer
        idea.answered_at = utcnow() if answer else None
    log_action(
        "idea_status_changed",
        f"idea:{idea.id}",
        process=idea.board.process,
        before=current.value,
        status=status.value,
    )
