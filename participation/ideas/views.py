"""Participant pages of the idea boards: list, post (with preview), discuss, support, report."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date

from participation.database import parse_id
from participation.extensions import db, limiter
from participation.i18n import _
from participation.ideas import operations, queries
from participation.ideas.forms import CommentForm, IdeaForm, ReportForm, options
from participation.ideas.models import Board, Idea, IdeaComment, IdeaStatus, ReportTarget
from participation.ideas.spam import (
    SUPPORTER_COOKIE,
    SpamError,
    check_form_token,
    check_honeypot,
    issue_form_token,
    new_supporter_cookie,
    supporter_hash,
    valid_supporter_cookie,
)
from participation.processes.models import Process
from participation.public.views import public_process

bp = Blueprint("ideas", __name__, template_folder="templates")

POST_LIMIT = "20 per minute; 300 per hour"
REPORT_KINDS = {"idee": ReportTarget.IDEA, "kommentar": ReportTarget.COMMENT}


def _board(process: Process, board_id: int) -> Board:
    board = queries.board_of(process, board_id)
    if board is None or not board.is_visible:
        abort(404)
    return board


def _idea(process: Process, idea_id: int) -> Idea:
    """Return an idea participants may see: published, hidden (with reason) or merged."""
    idea = queries.idea_of(process, idea_id)
    if idea is None or not idea.board.is_visible or idea.state.value == "pending":
        abort(404)
    return idea


def _current_supporter() -> str | None:
    cookie = request.cookies.get(SUPPORTER_COOKIE)
    return supporter_hash(cookie) if valid_supporter_cookie(cookie) else None


def _set_supporter_cookie(response, value: str) -> None:
    from flask import current_app

    response.set_cookie(
        SUPPORTER_COOKIE,
        value,
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )


def _choice(items, value):
    """Return the item of `items` whose id is `value` (a form string), or None."""
    wanted = parse_id(value)
    return next((item for item in items if item.id == wanted), None) if wanted else None


def _idea_choices(form: IdeaForm, process: Process) -> None:
    form.district.label.text = process.district_label
    form.district.choices = options(
        [("", _("– keine Angabe –")), *((str(d.id), d.name) for d in process.districts)]
    )
    form.field_of_action.choices = options(
        [("", _("– weiß nicht –")), *((str(f.id), f.name) for f in process.fields_of_action)]
    )
    form.target_group.choices = options(
        [("", _("– keine Angabe –")), *((str(g.id), g.name) for g in process.target_groups)]
    )


def _comment_choices(form: CommentForm, process: Process) -> None:
    form.target_group.choices = options(
        [("", _("– keine Angabe –")), *((str(g.id), g.name) for g in process.target_groups)]
    )


@bp.app_template_global()
def idea_boards(process: Process) -> list[Board]:
    """The boards participants see on the start page of a process."""
    return queries.boards_of(process)


@bp.route("/p/<process_slug>/ideen/<int:board_id>/")
def board(process_slug: str, board_id: int):
    process = public_process(process_slug)
    board = _board(process, board_id)
    filters = queries.IdeaFilter.from_args(request.args)
    page = queries.list_ideas(board, filters)
    return render_template(
        "ideas/board.html",
        process=process,
        board=board,
        filters=filters,
        page=page,
        statuses={status: status.title for status in IdeaStatus},
        fields={f.id: f.name for f in process.fields_of_action},
        districts={d.id: d.name for d in process.districts},
        dates={row.idea.id: format_date(row.idea.created_at) for row in page.rows},
        # One URL built once instead of one url_for per idea.
        idea_url=url_for("ideas.idea", process_slug=process.slug, idea_id=0)[:-1],
    )


@bp.route("/p/<process_slug>/ideen/<int:board_id>/neu", methods=["GET", "POST"])
@limiter.limit(POST_LIMIT, methods=["POST"])
def new_idea(process_slug: str, board_id: int):
    process = public_process(process_slug)
    board = _board(process, board_id)
    if not board.is_open:
        flash(_("In dieser Ideenbörse können keine neuen Ideen eingereicht werden."), "error")
        return redirect(url_for("ideas.board", process_slug=process.slug, board_id=board.id))
    form = IdeaForm()
    _idea_choices(form, process)
    context = {"process": process, "board": board, "form": form, "notice": None}
    if request.method == "GET":
        form.form_token.data = issue_form_token()
        if board.district_id:
            form.district.data = str(board.district_id)
        if board.field_of_action_id:
            form.field_of_action.data = str(board.field_of_action_id)
        return render_template("ideas/new.html", **context)
    step = request.form.get("step", "preview")
    if not form.validate():
        return render_template("ideas/new.html", **context), 422
    try:
        check_honeypot(form.website.data)
        key = check_form_token(form.form_token.data)
    except SpamError as error:
        if error.renew_token:
            form.form_token.data = issue_form_token()
        context["notice"] = str(error)
        return render_template("ideas/new.html", **context), 422
    if step == "edit":
        return render_template("ideas/new.html", **context)
    suggested = _choice(process.fields_of_action, request.form.get("suggested"))
    if step != "publish":
        suggested = operations.suggest_field(process, f"{form.title.data}\n{form.text.data}")
        if suggested is not None and not form.field_of_action.data:
            form.field_of_action.data = str(suggested.id)
        return render_template("ideas/preview.html", suggested=suggested, **context)
    try:
        idea = operations.post_idea(
            board,
            title=form.title.data,
            text=form.text.data,
            district=_choice(process.districts, form.district.data),
            field_of_action=_choice(process.fields_of_action, form.field_of_action.data),
            suggested_field=suggested,
            target_group=_choice(process.target_groups, form.target_group.data),
            author_name=form.author_name.data or "",
            submission_key=key,
        )
        idea_id, published = idea.id, idea.is_published
        db.session.commit()
    except operations.DuplicateSubmission as duplicate:
        flash(str(duplicate), "warning")
        return _after_idea(process, board, duplicate.existing)
    except (operations.IdeaError, SpamError) as error:
        db.session.rollback()
        context["notice"] = str(error)
        return render_template("ideas/new.html", **context), 422
    if published:
        flash(_("Danke! Ihre Idee ist veröffentlicht."), "success")
    else:
        flash(
            _(
                "Danke! Ihre Idee ist gespeichert und erscheint, sobald die Moderation "
                "sie freigegeben hat."
            ),
            "success",
        )
    return _after_idea(process, board, db.session.get(Idea, idea_id))


def _after_idea(process: Process, board: Board, idea: Idea | None):
    if idea is not None and idea.is_published:
        target = url_for("ideas.idea", process_slug=process.slug, idea_id=idea.id)
    else:
        target = url_for("ideas.board", process_slug=process.slug, board_id=board.id)
    return redirect(target, 303)


def _idea_page(process: Process, idea: Idea, form: CommentForm | None = None, notice=None):
    if form is None:
        form = CommentForm(formdata=None)
        _comment_choices(form, process)
        form.form_token.data = issue_form_token()
        reply_to = request.args.get("antwort", "")
        if reply_to:
            parent = queries.comment_of(process, reply_to)
            if parent is not None and parent.idea_id == idea.id and parent.is_published:
                form.parent_id.data = str(parent.parent_id or parent.id)
    parent = None
    if form.parent_id.data:
        parent = queries.comment_of(process, form.parent_id.data)
    threads = queries.comment_threads(idea)
    comments = [c for t in threads for c in (t.comment, *t.replies)]
    return render_template(
        "ideas/idea.html",
        process=process,
        board=idea.board,
        idea=idea,
        supports=queries.support_count(idea),
        supported=queries.has_supported(idea, _current_supporter()),
        threads=threads,
        dates={c.id: format_date(c.created_at) for c in comments},
        groups={g.id: g.name for g in process.target_groups},
        form=form,
        reply_parent=parent,
        comment_refusal=operations.can_comment(idea),
        notice=notice,
    )


@bp.route("/p/<process_slug>/ideen/idee/<int:idea_id>")
def idea(process_slug: str, idea_id: int):
    process = public_process(process_slug)
    return _idea_page(process, _idea(process, idea_id))


@bp.route("/p/<process_slug>/ideen/idee/<int:idea_id>/kommentare", methods=["POST"])
@limiter.limit(POST_LIMIT, methods=["POST"])
def comment(process_slug: str, idea_id: int):
    process = public_process(process_slug)
    idea = _idea(process, idea_id)
    form = CommentForm()
    _comment_choices(form, process)
    if not form.validate():
        return _idea_page(process, idea, form), 422
    try:
        check_honeypot(form.website.data)
        key = check_form_token(form.form_token.data)
        parent = None
        if form.parent_id.data:
            parent = queries.comment_of(process, form.parent_id.data)
            if parent is None:
                raise operations.IdeaError(_("Der Kommentar, auf den Sie antworten, fehlt."))
        comment = operations.add_comment(
            idea,
            text=form.text.data,
            author_name=form.author_name.data or "",
            target_group=_choice(process.target_groups, form.target_group.data),
            parent=parent,
            submission_key=key,
        )
        comment_id, published = comment.id, comment.is_published
        db.session.commit()
    except operations.DuplicateSubmission as duplicate:
        flash(str(duplicate), "warning")
        return redirect(url_for("ideas.idea", process_slug=process.slug, idea_id=idea_id), 303)
    except (operations.IdeaError, SpamError) as error:
        db.session.rollback()
        if getattr(error, "renew_token", False):
            form.form_token.data = issue_form_token()
        idea = _idea(process, idea_id)
        return _idea_page(process, idea, form, notice=str(error)), 422
    if published:
        flash(_("Danke für Ihren Kommentar!"), "success")
        anchor = f"kommentar-{comment_id}"
    else:
        flash(_("Danke! Ihr Kommentar erscheint, sobald die Moderation ihn freigegeben hat."))
        anchor = "kommentare"
    return redirect(
        url_for("ideas.idea", process_slug=process.slug, idea_id=idea_id, _anchor=anchor), 303
    )


@bp.route("/p/<process_slug>/ideen/idee/<int:idea_id>/unterstuetzen", methods=["POST"])
@limiter.limit(POST_LIMIT, methods=["POST"])
def support(process_slug: str, idea_id: int):
    process = public_process(process_slug)
    idea = _idea(process, idea_id)
    cookie = request.cookies.get(SUPPORTER_COOKIE)
    new_cookie = not valid_supporter_cookie(cookie)
    if new_cookie:
        cookie = new_supporter_cookie()
    try:
        operations.support_idea(idea, supporter_hash(cookie))
        db.session.commit()
        flash(_("Danke! Sie unterstützen diese Idee."), "success")
    except operations.AlreadyDone as error:
        flash(str(error), "warning")
    except operations.IdeaError as error:
        db.session.rollback()
        flash(str(error), "error")
    response = redirect(
        url_for("ideas.idea", process_slug=process.slug, idea_id=idea_id, _anchor="unterstuetzen"),
        303,
    )
    if new_cookie:
        _set_supporter_cookie(response, cookie)
    return response


@bp.route("/p/<process_slug>/ideen/melden/<kind>/<int:post_id>", methods=["GET", "POST"])
@limiter.limit(POST_LIMIT, methods=["POST"])
def report(process_slug: str, kind: str, post_id: int):
    process = public_process(process_slug)
    target = REPORT_KINDS.get(kind)
    if target is None:
        abort(404)
    if target is ReportTarget.IDEA:
        post = idea = _idea(process, post_id)
    else:
        post = queries.comment_of(process, post_id)
        if post is None or post.state.value == "pending":
            abort(404)
        idea = _idea(process, post.idea_id)
    back = url_for("ideas.idea", process_slug=process.slug, idea_id=idea.id)
    form = ReportForm()
    if post.is_hidden:
        flash(_("Dieser Beitrag ist bereits ausgeblendet."), "warning")
        return redirect(back, 303)
    if request.method == "POST" and form.validate():
        try:
            check_honeypot(form.website.data)
            cookie = request.cookies.get(SUPPORTER_COOKIE)
            new_cookie = not valid_supporter_cookie(cookie)
            if new_cookie:
                cookie = new_supporter_cookie()
            operations.report_post(
                process, target, post.id, form.reason.data, supporter_hash(cookie)
            )
            db.session.commit()
            flash(_("Danke! Die Moderation sieht sich den Beitrag an."), "success")
        except operations.AlreadyDone as error:
            flash(str(error), "warning")
            return redirect(back, 303)
        except (operations.IdeaError, SpamError) as error:
            db.session.rollback()
            form.reason.errors = [str(error)]
            return _report_page(process, idea, post, form), 422
        response = redirect(back, 303)
        if new_cookie:
            _set_supporter_cookie(response, cookie)
        return response
    status = 422 if request.method == "POST" else 200
    return _report_page(process, idea, post, form), status


def _report_page(process: Process, idea: Idea, post: Idea | IdeaComment, form: ReportForm):
    return render_template(
        "ideas/report.html", process=process, board=idea.board, idea=idea, post=post, form=form
    )
