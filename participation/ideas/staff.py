"""Staff pages of the idea boards: boards, moderation queue, status answers, merging."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from participation.accounts.permissions import (
    Permission,
    has_permission,
    process_permission_required,
    safe_next_url,
)
from participation.database import parse_id
from participation.extensions import db
from participation.i18n import _
from participation.ideas import operations, queries
from participation.ideas.forms import BoardForm, HideForm, MergeForm, StatusForm, options
from participation.ideas.models import Board, BoardState, IdeaStatus, ModerationMode
from participation.multilingual.forms import TranslatableText
from participation.multilingual.views import translation_page
from participation.processes.models import Process

bp = Blueprint(
    "ideas_staff", __name__, url_prefix="/staff/p/<process_slug>/ideen", template_folder="templates"
)


def _choice(items, value):
    wanted = parse_id(value)
    return next((item for item in items if item.id == wanted), None) if wanted else None


def _board_form(process: Process, board: Board | None = None) -> BoardForm:
    form = BoardForm(obj=None)
    form.field_of_action.choices = options(
        [("", _("– alle –")), *((str(f.id), f.name) for f in process.fields_of_action)]
    )
    form.district.label.text = _(
        "Nur ein Ort: %(label)s (freiwillig)", label=process.district_label
    )
    form.district.choices = options(
        [("", _("– alle –")), *((str(d.id), d.name) for d in process.districts)]
    )
    if board is not None and request.method == "GET":
        form.title.data = board.title
        form.description.data = board.description
        form.state.data = board.state.value
        form.moderation.data = board.moderation.value
        form.field_of_action.data = str(board.field_of_action_id or "")
        form.district.data = str(board.district_id or "")
    return form


def _board_values(process: Process, form: BoardForm) -> dict:
    return {
        "description": form.description.data or "",
        "state": BoardState(form.state.data),
        "moderation": ModerationMode(form.moderation.data),
        "field_of_action": _choice(process.fields_of_action, form.field_of_action.data),
        "district": _choice(process.districts, form.district.data),
    }


@bp.route("/")
@process_permission_required(Permission.VIEW)
def boards(process: Process):
    return render_template(
        "ideas/staff_boards.html",
        process=process,
        boards=queries.boards_of(process, visible_only=False),
        counts=queries.board_counts(process),
        queue_size=queries.queue_size(process),
        can_manage=has_permission(current_user, process, Permission.MANAGE),
        can_moderate=has_permission(current_user, process, Permission.MODERATE),
    )


@bp.route("/neu", methods=["GET", "POST"])
@process_permission_required(Permission.MANAGE)
def create_board(process: Process):
    form = _board_form(process)
    if form.validate_on_submit():
        try:
            board = operations.create_board(
                process, form.title.data, **_board_values(process, form)
            )
            db.session.commit()
        except operations.IdeaError as error:
            db.session.rollback()
            form.title.errors = [str(error)]
        else:
            flash(_("Die Ideenbörse „%(title)s“ ist angelegt.", title=board.title), "success")
            return redirect(url_for("ideas_staff.boards", process_slug=process.slug), 303)
    status = 422 if form.errors else 200
    return render_template("ideas/staff_board_form.html", process=process, form=form), status


@bp.route("/<int:board_id>/bearbeiten", methods=["GET", "POST"])
@process_permission_required(Permission.MANAGE)
def edit_board(process: Process, board_id: int):
    board = queries.board_of(process, board_id)
    if board is None:
        abort(404)
    form = _board_form(process, board)
    if form.validate_on_submit():
        try:
            operations.update_board(board, form.title.data, **_board_values(process, form))
            db.session.commit()
        except operations.IdeaError as error:
            db.session.rollback()
            form.title.errors = [str(error)]
        else:
            flash(_("Die Ideenbörse ist gespeichert."), "success")
            return redirect(url_for("ideas_staff.boards", process_slug=process.slug), 303)
    status = 422 if form.errors else 200
    return render_template(
        "ideas/staff_board_form.html", process=process, form=form, board=board
    ), status


@bp.route("/<int:board_id>/uebersetzungen/<language>", methods=["GET", "POST"])
@process_permission_required(Permission.MANAGE)
def board_translations(process: Process, board_id: int, language: str):
    board = queries.board_of(process, board_id)
    if board is None:
        abort(404)
    texts = [
        TranslatableText(board, "title", _("Titel"), max_length=200),
        TranslatableText(board, "description", _("Beschreibung"), multiline=True),
    ]
    return translation_page(
        groups=[(_("Ideenbörse"), [t for t in texts if t.original])],
        language=language,
        title=board.title,
        back_url=url_for("ideas_staff.edit_board", process_slug=process.slug, board_id=board.id),
        page_url=lambda code: url_for(
            "ideas_staff.board_translations",
            process_slug=process.slug,
            board_id=board.id,
            language=code,
        ),
        process=process,
    )


@bp.route("/<int:board_id>/")
@process_permission_required(Permission.VIEW)
def board_ideas(process: Process, board_id: int):
    board = queries.board_of(process, board_id)
    if board is None:
        abort(404)
    return render_template(
        "ideas/staff_board.html", process=process, board=board, rows=queries.staff_ideas(board)
    )


@bp.route("/moderation")
@process_permission_required(Permission.MODERATE)
def queue(process: Process):
    return render_template(
        "ideas/staff_queue.html",
        process=process,
        items=queries.moderation_queue(process),
        hide_form=HideForm(formdata=None),
    )


@bp.route("/idee/<int:idea_id>")
@process_permission_required(Permission.VIEW)
def idea(process: Process, idea_id: int):
    idea = queries.idea_of(process, idea_id)
    if idea is None:
        abort(404)
    return _idea_page(process, idea)


def _idea_page(process, idea, *, status_form=None, hide_form=None, merge_form=None, code=200):
    if status_form is None:
        status_form = StatusForm(formdata=None, data={"status": idea.status.value})
        status_form.answer.data = idea.answer
    merge_form = merge_form or MergeForm(formdata=None)
    merge_form.into.choices = options(
        (other.id, f"#{other.id} {other.title} ({other.board.title})")
        for other in queries.merge_candidates(idea)
    )
    return render_template(
        "ideas/staff_idea.html",
        process=process,
        idea=idea,
        supports=queries.support_count(idea),
        threads=queries.comment_threads(idea, include_pending=True),
        status_form=status_form,
        hide_form=hide_form or HideForm(formdata=None),
        merge_form=merge_form,
        can_manage=has_permission(current_user, process, Permission.MANAGE),
        can_moderate=has_permission(current_user, process, Permission.MODERATE),
    ), code


@bp.route("/idee/<int:idea_id>/status", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def set_status(process: Process, idea_id: int):
    idea = queries.idea_of(process, idea_id)
    if idea is None:
        abort(404)
    form = StatusForm()
    if form.validate():
        try:
            operations.set_status(idea, IdeaStatus(form.status.data), form.answer.data or "")
            db.session.commit()
        except operations.IdeaError as error:
            db.session.rollback()
            form.answer.errors = [str(error)]
        else:
            flash(_("Status und Antwort sind gespeichert."), "success")
            return redirect(url_for("ideas_staff.idea", process_slug=process.slug, idea_id=idea_id))
    idea = queries.idea_of(process, idea_id)
    return _idea_page(process, idea, status_form=form, code=422)


def _moderate(process: Process, post, back: str):
    action = request.form.get("action", "")
    form = HideForm()
    try:
        if action == "approve":
            operations.approve_post(post)
            message = _("Der Beitrag ist freigegeben.")
        elif action == "restore":
            operations.restore_post(post)
            message = _("Der Beitrag ist wiederhergestellt.")
        elif action == "hide":
            if not form.validate():
                raise operations.IdeaError(
                    _("Bitte geben Sie einen Grund an (höchstens 1000 Zeichen).")
                )
            operations.hide_post(post, form.reason.data)
            message = _("Der Beitrag ist ausgeblendet.")
        else:
            raise operations.IdeaError(_("Unbekannte Aktion."))
        db.session.commit()
    except operations.IdeaError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        flash(message, "success")
    return redirect(safe_next_url(back), 303)


@bp.route("/idee/<int:idea_id>/moderieren", methods=["POST"])
@process_permission_required(Permission.MODERATE)
def moderate_idea(process: Process, idea_id: int):
    idea = queries.idea_of(process, idea_id)
    if idea is None:
        abort(404)
    return _moderate(
        process, idea, url_for("ideas_staff.idea", process_slug=process.slug, idea_id=idea_id)
    )


@bp.route("/kommentar/<int:comment_id>/moderieren", methods=["POST"])
@process_permission_required(Permission.MODERATE)
def moderate_comment(process: Process, comment_id: int):
    comment = queries.comment_of(process, comment_id)
    if comment is None:
        abort(404)
    back = url_for("ideas_staff.idea", process_slug=process.slug, idea_id=comment.idea_id)
    return _moderate(process, comment, back)


@bp.route("/idee/<int:idea_id>/zusammenfuehren", methods=["POST"])
@process_permission_required(Permission.MODERATE)
def merge(process: Process, idea_id: int):
    duplicate = queries.idea_of(process, idea_id)
    if duplicate is None:
        abort(404)
    form = MergeForm()
    form.into.choices = options((i.id, i.title) for i in queries.merge_candidates(duplicate))
    kept = None
    if form.validate():
        kept = queries.idea_of(process, int(form.into.data))
    if kept is None:
        flash(_("Bitte wählen Sie die Idee, die bestehen bleibt."), "error")
        return redirect(url_for("ideas_staff.idea", process_slug=process.slug, idea_id=idea_id))
    try:
        gained = operations.merge_ideas(duplicate, kept)
        db.session.commit()
    except operations.IdeaError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("ideas_staff.idea", process_slug=process.slug, idea_id=idea_id))
    flash(
        _(
            "Zusammengeführt in „%(title)s“; %(n)s Unterstützungen kamen hinzu.",
            title=kept.title,
            n=gained,
        ),
        "success",
    )
    return redirect(url_for("ideas_staff.idea", process_slug=process.slug, idea_id=kept.id), 303)


@bp.route("/meldung/<int:report_id>/erledigt", methods=["POST"])
@process_permission_required(Permission.MODERATE)
def dismiss_report(process: Process, report_id: int):
    from participation.ideas.models import IdeaReport

    report = db.session.get(IdeaReport, report_id)
    if report is None or report.process_id != process.id:
        abort(404)
    try:
        operations.dismiss_report(report)
        db.session.commit()
        flash(_("Die Meldung ist erledigt."), "success")
    except operations.IdeaError as error:
        db.session.rollback()
        flash(str(error), "error")
    return redirect(url_for("ideas_staff.queue", process_slug=process.slug), 303)
