"""Reads for idea boards: lists with counts, filters, search, pagination, the moderation queue."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sqlalchemy import func, select

from participation.database import parse_id
from participation.extensions import db
from participation.ideas.models import (
    Board,
    BoardState,
    Idea,
    IdeaComment,
    IdeaReport,
    IdeaStatus,
    IdeaSupport,
    PostState,
    ReportTarget,
)
from participation.processes.models import Process

PER_PAGE = 20
SORTS = ("newest", "supported", "discussed")


def boards_of(process: Process, *, visible_only: bool = True) -> list[Board]:
    query = select(Board).where(Board.process_id == process.id)
    if visible_only:
        query = query.where(Board.state != BoardState.CLOSED)
    return list(db.session.scalars(query.order_by(Board.created_at, Board.id)))


def board_of(process: Process, board_id: int) -> Board | None:
    """Return the board if it belongs to the process."""
    board = db.session.get(Board, board_id)
    return board if board is not None and board.process_id == process.id else None


def idea_of(process: Process, idea_id) -> Idea | None:
    """The process's idea with this id (an int or a form string), or None."""
    idea_id = parse_id(idea_id)
    idea = db.session.get(Idea, idea_id) if idea_id else None
    return idea if idea is not None and idea.process_id == process.id else None


def comment_of(process: Process, comment_id) -> IdeaComment | None:
    """The process's comment with this id (an int or a form string), or None."""
    comment_id = parse_id(comment_id)
    comment = db.session.get(IdeaComment, comment_id) if comment_id else None
    return comment if comment is not None and comment.process_id == process.id else None


def support_count_column():
    return (
        select(func.count(IdeaSupport.id))
        .where(IdeaSupport.idea_id == Idea.id)
        .correlate(Idea)
        .scalar_subquery()
    )


def comment_count_column():
    return (
        select(func.count(IdeaComment.id))
        .where(IdeaComment.idea_id == Idea.id, IdeaComment.state == PostState.PUBLISHED)
        .correlate(Idea)
        .scalar_subquery()
    )


def escape_like(term: str) -> str:
    """Escape LIKE wildcards so that % and _ in a search term match themselves."""
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass
class IdeaFilter:
    sort: str = "newest"
    field_id: int | None = None
    district_id: int | None = None
    status: IdeaStatus | None = None
    search: str = ""
    page: int = 1

    @classmethod
    def from_args(cls, args) -> IdeaFilter:
        """Read the filter from query arguments; anything malformed is ignored, never an error."""

        def number(name):
            value = args.get(name, "")
            return parse_id(value)

        status = args.get("status", "")
        return cls(
            sort=args.get("sort") if args.get("sort") in SORTS else "newest",
            field_id=number("feld"),
            district_id=number("ort"),
            status=IdeaStatus(status) if status in IdeaStatus._value2member_map_ else None,
            search=(args.get("q") or "").strip()[:100],
            page=max(1, number("seite") or 1),
        )

    def args(self, **changes) -> dict:
        """Return query arguments for links (e.g. to another page) that keep the filter."""
        values = {
            "sort": self.sort if self.sort != "newest" else None,
            "feld": self.field_id,
            "ort": self.district_id,
            "status": self.status.value if self.status else None,
            "q": self.search or None,
            "seite": self.page if self.page > 1 else None,
        }
        values.update(changes)
        return {k: v for k, v in values.items() if v not in (None, "")}


@dataclass
class IdeaRow:
    idea: Idea
    supports: int
    comments: int


@dataclass
class IdeaPage:
    rows: list[IdeaRow] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 1


def list_ideas(board: Board, filters: IdeaFilter, *, per_page: int = PER_PAGE) -> IdeaPage:
    """Return one page of the board's published ideas (duplicates merged away are left out)."""
    conditions = [
        Idea.board_id == board.id,
        Idea.state == PostState.PUBLISHED,
        Idea.merged_into_id.is_(None),
    ]
    if filters.field_id:
        conditions.append(Idea.field_of_action_id == filters.field_id)
    if filters.district_id:
        conditions.append(Idea.district_id == filters.district_id)
    if filters.status:
        conditions.append(Idea.status == filters.status)
    if filters.search:
        pattern = f"%{escape_like(filters.search.casefold())}%"
        conditions.append(Idea.search_text.like(pattern, escape="\\"))
    total = db.session.scalar(select(func.count(Idea.id)).where(*conditions)) or 0
    pages = max(1, math.ceil(total / per_page))
    page = min(filters.page, pages)
    supports = support_count_column().label("supports")
    comments = comment_count_column().label("comments")
    order = {
        "newest": [Idea.created_at.desc(), Idea.id.desc()],
        "supported": [supports.desc(), Idea.created_at.desc(), Idea.id.desc()],
        "discussed": [comments.desc(), Idea.created_at.desc(), Idea.id.desc()],
    }[filters.sort]
    # Field and district names come from the process's lists (the filter form needs them
    # anyway), so the page costs no further queries.
    result = db.session.execute(
        select(Idea, supports, comments)
        .where(*conditions)
        .order_by(*order)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    rows = [IdeaRow(idea, s, c) for idea, s, c in result]
    return IdeaPage(rows=rows, total=total, page=page, pages=pages)


def support_count(idea: Idea) -> int:
    return db.session.scalar(
        select(func.count(IdeaSupport.id)).where(IdeaSupport.idea_id == idea.id)
    )


def has_supported(idea: Idea, supporter_hash: str | None) -> bool:
    if not supporter_hash:
        return False
    return (
        db.session.scalar(
            select(IdeaSupport.id).where(
                IdeaSupport.idea_id == idea.id, IdeaSupport.supporter_hash == supporter_hash
            )
        )
        is not None
    )


@dataclass
class Thread:
    comment: IdeaComment
    replies: list[IdeaComment]


def comment_threads(idea: Idea, *, include_pending: bool = False) -> list[Thread]:
    """Return the idea's comments as threads, oldest first; hidden ones stay (shown as hidden)."""
    states = [PostState.PUBLISHED, PostState.HIDDEN]
    if include_pending:
        states.append(PostState.PENDING)
    comments = db.session.scalars(
        select(IdeaComment)
        .where(IdeaComment.idea_id == idea.id, IdeaComment.state.in_(states))
        .order_by(IdeaComment.created_at, IdeaComment.id)
    ).all()
    threads: dict[int, Thread] = {}
    orphans = []
    for comment in comments:
        if comment.parent_id is None:
            threads[comment.id] = Thread(comment, [])
        else:
            orphans.append(comment)
    for reply in orphans:
        thread = threads.get(reply.parent_id)
        if thread is not None:
            thread.replies.append(reply)
    return list(threads.values())


def board_counts(process: Process) -> dict[int, dict[str, int]]:
    """Return per board: published, pending and hidden ideas."""
    rows = db.session.execute(
        select(Idea.board_id, Idea.state, func.count())
        .where(Idea.process_id == process.id, Idea.merged_into_id.is_(None))
        .group_by(Idea.board_id, Idea.state)
    )
    counts: dict[int, dict[str, int]] = {}
    for board_id, state, n in rows:
        counts.setdefault(board_id, {s.value: 0 for s in PostState})[state.value] = n
    return counts


def staff_ideas(board: Board) -> list[IdeaRow]:
    """Return every idea of a board for staff (all states), newest first, with counts."""
    result = db.session.execute(
        select(Idea, support_count_column(), comment_count_column())
        .where(Idea.board_id == board.id)
        .order_by(Idea.created_at.desc(), Idea.id.desc())
    )
    return [IdeaRow(idea, s, c) for idea, s, c in result]


def merge_candidates(idea: Idea) -> list[Idea]:
    """Return ideas of the same process that a duplicate could be merged into."""
    return list(
        db.session.scalars(
            select(Idea)
            .where(
                Idea.process_id == idea.process_id,
                Idea.id != idea.id,
                Idea.merged_into_id.is_(None),
            )
            .order_by(Idea.board_id, Idea.title)
        )
    )


@dataclass
class QueueItem:
    kind: ReportTarget
    post: Idea | IdeaComment
    reports: list[IdeaReport]


def moderation_queue(process: Process) -> list[QueueItem]:
    """Return posts waiting for approval and posts with open reports, oldest first."""
    items: dict[tuple[ReportTarget, int], QueueItem] = {}
    for idea in db.session.scalars(
        select(Idea)
        .where(Idea.process_id == process.id, Idea.state == PostState.PENDING)
        .order_by(Idea.created_at)
    ):
        items[(ReportTarget.IDEA, idea.id)] = QueueItem(ReportTarget.IDEA, idea, [])
    for comment in db.session.scalars(
        select(IdeaComment)
        .where(IdeaComment.process_id == process.id, IdeaComment.state == PostState.PENDING)
        .order_by(IdeaComment.created_at)
    ):
        items[(ReportTarget.COMMENT, comment.id)] = QueueItem(ReportTarget.COMMENT, comment, [])
    reports = db.session.scalars(
        select(IdeaReport)
        .where(IdeaReport.process_id == process.id, IdeaReport.resolved_at.is_(None))
        .order_by(IdeaReport.created_at)
    ).all()
    for report in reports:
        key = (report.target, report.target_id)
        if key not in items:
            model = Idea if report.target is ReportTarget.IDEA else IdeaComment
            post = db.session.get(model, report.target_id)
            if post is None or post.process_id != process.id:
                continue
            items[key] = QueueItem(report.target, post, [])
        items[key].reports.append(report)
    return list(items.values())


def queue_size(process: Process) -> int:
    return len(moderation_queue(process))
