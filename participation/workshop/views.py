"""The workshop board (staff): fields → sub-topics → contributions, corrections, exports."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from participation.accounts.operations import log_action
from participation.accounts.permissions import (
    Permission,
    has_permission,
    process_permission_required,
    safe_next_url,
)
from participation.contributions.models import ContributionSource
from participation.extensions import db
from participation.i18n import _
from participation.processes.models import Process
from participation.workshop import exports, operations, queries
from participation.workshop.forms import (
    EmptyForm,
    FieldForm,
    MergeForm,
    MoveForm,
    SplitForm,
    SubtopicNameForm,
    ThemesForm,
)
from participation.workshop.models import OFF_TOPIC, Assignment, Subtopic

bp = Blueprint(
    "workshop",
    __name__,
    url_prefix="/staff/p/<process_slug>/workshop",
    template_folder="templates",
    static_folder=None,
)

REVIEW_BATCH = 10


def _names(process: Process) -> dict:
    """Names the templates need to show codes and ids."""
    return {
        "field_names": queries.field_names(process),
        "theme_names": queries.theme_names(process),
        "group_names": {g.id: g.name for g in process.target_groups},
        "district_names": {d.id: d.name for d in process.districts},
        "source_names": {s.value: s.title for s in ContributionSource},
        "can_manage": has_permission(current_user, process, Permission.MANAGE),
        "can_export": has_permission(current_user, process, Permission.EXPORT),
        "off_topic": OFF_TOPIC,
    }


def _page() -> int:
    return max(1, request.args.get("page", 1, type=int) or 1)


def _assignment_or_404(process: Process, assignment_id: int) -> Assignment:
    assignment = queries.get_assignment(process, assignment_id)
    if assignment is None:
        abort(404)
    return assignment


def _subtopic_or_404(process: Process, subtopic_id: int) -> Subtopic:
    subtopic = queries.get_subtopic(process, subtopic_id)
    if subtopic is None:
        abort(404)
    return subtopic


def _back(default: str):
    return redirect(safe_next_url(default))


# -- the board ---------------------------------------------------------------------------------


@bp.route("/")
@process_permission_required(Permission.VIEW)
def board(process: Process):
    filters = queries.BoardFilter.from_args(process, request.args)
    summaries = queries.field_summaries(process, filters)
    subtopics = {
        s.code: queries.subtopic_summaries(process, s.code, filters, with_quotes=False)
        for s in summaries
        if s.total and s.code != OFF_TOPIC
    }
    return render_template(
        "workshop/board.html",
        process=process,
        filters=filters,
        summaries=summaries,
        subtopics=subtopics,
        total=sum(s.total for s in summaries),
        theme_counts=queries.theme_counts(process, filters),
        unanalysed=queries.unanalysed_count(process),
        run=queries.latest_run(process),
        confirmations=queries.confirmations_by_person(process),
        run_form=EmptyForm(),
        **_names(process),
    )


@bp.route("/field/<field_code>")
@process_permission_required(Permission.VIEW)
def field(process: Process, field_code: str):
    names = _names(process)
    if field_code not in names["field_names"]:
        abort(404)
    filters = queries.BoardFilter.from_args(process, request.args)
    summary = next(s for s in queries.field_summaries(process, filters) if s.code == field_code)
    return render_template(
        "workshop/field.html",
        process=process,
        filters=filters,
        field_code=field_code,
        summary=summary,
        subtopics=queries.subtopic_summaries(process, field_code, filters),
        page=queries.contributions_page(process, filters, field_code=field_code, page=_page()),
        **names,
    )


@bp.route("/subtopic/<int:subtopic_id>")
@process_permission_required(Permission.VIEW)
def subtopic(process: Process, subtopic_id: int):
    item = _subtopic_or_404(process, subtopic_id)
    filters = queries.BoardFilter.from_args(process, request.args)
    return _render_subtopic(process, item, filters)


def _render_subtopic(process, item, filters, status=200, **forms):
    others = queries.other_subtopics(process, item)
    merge_form = forms.get("merge_form") or MergeForm(prefix="merge")
    merge_form.source.choices = [(s.id, s.display_name) for s in others]
    return (
        render_template(
            "workshop/subtopic.html",
            process=process,
            subtopic=item,
            filters=filters,
            summary=next(
                (
                    s
                    for s in queries.subtopic_summaries(process, item.field_code, filters)
                    if s.subtopic and s.subtopic.id == item.id
                ),
                None,
            ),
            page=queries.contributions_page(process, filters, subtopic_id=item.id, page=_page()),
            rename_form=forms.get("rename_form")
            or SubtopicNameForm(prefix="rename", data={"name": item.display_name}),
            merge_form=merge_form,
            split_form=forms.get("split_form") or SplitForm(prefix="split"),
            **_names(process),
        ),
        status,
    )


@bp.route("/contribution/<int:assignment_id>")
@process_permission_required(Permission.VIEW)
def contribution(process: Process, assignment_id: int):
    assignment = _assignment_or_404(process, assignment_id)
    return _render_contribution(process, assignment)


def _correction_forms(process: Process, assignment: Assignment, **given) -> dict:
    field_form = given.get("field_form") or FieldForm(
        prefix="field", data={"field_code": assignment.field_code}
    )
    field_form.field_code.choices = list(queries.field_names(process).items())
    themes_form = given.get("themes_form") or ThemesForm(
        prefix="themes", data={"themes": assignment.theme_codes}
    )
    themes_form.themes.choices = list(queries.theme_names(process).items())
    move_form = given.get("move_form") or MoveForm(
        prefix="move", data={"subtopic": assignment.subtopic_id}
    )
    fields = queries.field_names(process)
    move_form.subtopic.choices = [
        (s.id, f"{fields.get(s.field_code, s.field_code)}: {s.display_name}")
        for s in queries.all_subtopics(process)
    ]
    return {"field_form": field_form, "themes_form": themes_form, "move_form": move_form}


def _render_contribution(process, assignment, status=200, **given):
    return (
        render_template(
            "workshop/contribution.html",
            process=process,
            assignment=assignment,
            confirm_form=EmptyForm(),
            next_url=request.values.get("next", ""),
            **_correction_forms(process, assignment, **given),
            **_names(process),
        ),
        status,
    )


# -- corrections -------------------------------------------------------------------------------


def _correction_done(process, assignment, action, message, **details):
    log_action(action, f"contribution:{assignment.contribution_id}", process=process, **details)
    db.session.commit()
    flash(message, "success")
    return _back(url_for(".contribution", process_slug=process.slug, assignment_id=assignment.id))


@bp.route("/contribution/<int:assignment_id>/confirm", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def confirm(process: Process, assignment_id: int):
    assignment = _assignment_or_404(process, assignment_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    operations.confirm_assignment(assignment, current_user)
    return _correction_done(
        process,
        assignment,
        "workshop_assignment_confirmed",
        _("Die Zuordnung ist bestätigt."),
        field=assignment.field_code,
    )


@bp.route("/contribution/<int:assignment_id>/field", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def set_field(process: Process, assignment_id: int):
    assignment = _assignment_or_404(process, assignment_id)
    forms = _correction_forms(process, assignment, field_form=FieldForm(prefix="field"))
    form = forms["field_form"]
    if form.validate_on_submit():
        old = assignment.field_code
        try:
            operations.set_field(process, assignment, form.field_code.data, current_user)
        except operations.WorkshopError as error:
            db.session.rollback()
            form.field_code.errors = [str(error)]
        else:
            return _correction_done(
                process,
                assignment,
                "workshop_field_corrected",
                _("Das Handlungsfeld ist geändert und bestätigt."),
                old=old,
                new=assignment.field_code,
            )
    return _render_contribution(process, assignment, 422, **forms)


@bp.route("/contribution/<int:assignment_id>/off-topic", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def off_topic(process: Process, assignment_id: int):
    assignment = _assignment_or_404(process, assignment_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    old = assignment.field_code
    operations.mark_off_topic(process, assignment, current_user)
    return _correction_done(
        process,
        assignment,
        "workshop_field_corrected",
        _("Der Beitrag ist als „Sonstiges“ markiert."),
        old=old,
        new=OFF_TOPIC,
    )


@bp.route("/contribution/<int:assignment_id>/themes", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def set_themes(process: Process, assignment_id: int):
    assignment = _assignment_or_404(process, assignment_id)
    forms = _correction_forms(process, assignment, themes_form=ThemesForm(prefix="themes"))
    form = forms["themes_form"]
    if form.validate_on_submit():
        try:
            operations.set_themes(process, assignment, form.themes.data or [], current_user)
        except operations.WorkshopError as error:
            db.session.rollback()
            form.themes.errors = [str(error)]
        else:
            return _correction_done(
                process,
                assignment,
                "workshop_themes_corrected",
                _("Die Querschnittsthemen sind gespeichert."),
                themes=assignment.theme_codes,
            )
    return _render_contribution(process, assignment, 422, **forms)


@bp.route("/contribution/<int:assignment_id>/subtopic", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def move(process: Process, assignment_id: int):
    assignment = _assignment_or_404(process, assignment_id)
    forms = _correction_forms(process, assignment, move_form=MoveForm(prefix="move"))
    form = forms["move_form"]
    if form.validate_on_submit():
        target = queries.get_subtopic(process, form.subtopic.data)
        try:
            if target is None:
                raise operations.WorkshopError(_("Bitte ein Unterthema aus der Liste wählen."))
            operations.move_to_subtopic(process, assignment, target, current_user)
        except operations.WorkshopError as error:
            db.session.rollback()
            form.subtopic.errors = [str(error)]
        else:
            return _correction_done(
                process,
                assignment,
                "workshop_subtopic_corrected",
                _("Der Beitrag ist jetzt im Unterthema „%(name)s“.", name=target.display_name),
                subtopic=target.id,
            )
    return _render_contribution(process, assignment, 422, **forms)


@bp.route("/contribution/<int:assignment_id>/pin", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def pin(process: Process, assignment_id: int):
    assignment = _assignment_or_404(process, assignment_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    pinned = request.form.get("pinned") == "1"
    try:
        operations.set_pinned(assignment, pinned)
    except operations.WorkshopError as error:
        flash(str(error), "error")
        return _back(
            url_for(".contribution", process_slug=process.slug, assignment_id=assignment.id)
        )
    message = (
        _("Der Beitrag ist als Zitat markiert.") if pinned else _("Die Markierung ist entfernt.")
    )
    return _correction_done(process, assignment, "workshop_quote_pinned", message, pinned=pinned)


# -- sub-topics --------------------------------------------------------------------------------


@bp.route("/subtopic/<int:subtopic_id>/rename", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def rename_subtopic(process: Process, subtopic_id: int):
    item = _subtopic_or_404(process, subtopic_id)
    form = SubtopicNameForm(prefix="rename")
    if form.validate_on_submit():
        try:
            old = item.display_name
            operations.rename_subtopic(item, form.name.data)
        except operations.WorkshopError as error:
            form.name.errors = [str(error)]
        else:
            log_action(
                "workshop_subtopic_renamed",
                f"subtopic:{item.id}",
                process=process,
                old=old,
                new=item.name,
            )
            db.session.commit()
            flash(_("Das Unterthema heißt jetzt „%(name)s“.", name=item.name), "success")
            return redirect(url_for(".subtopic", process_slug=process.slug, subtopic_id=item.id))
    return _render_subtopic(process, item, None, 422, rename_form=form)


@bp.route("/subtopic/<int:subtopic_id>/merge", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def merge_subtopic(process: Process, subtopic_id: int):
    item = _subtopic_or_404(process, subtopic_id)
    form = MergeForm(prefix="merge")
    form.source.choices = [(s.id, s.display_name) for s in queries.other_subtopics(process, item)]
    if form.validate_on_submit():
        source = queries.get_subtopic(process, form.source.data)
        try:
            if source is None:
                raise operations.WorkshopError(_("Bitte ein Unterthema aus der Liste wählen."))
            name = source.display_name
            operations.merge_subtopics(process, item, source, current_user)
        except operations.WorkshopError as error:
            db.session.rollback()
            form.source.errors = [str(error)]
        else:
            log_action(
                "workshop_subtopics_merged", f"subtopic:{item.id}", process=process, merged=name
            )
            db.session.commit()
            flash(_("„%(name)s“ ist in dieses Unterthema übernommen.", name=name), "success")
            return redirect(url_for(".subtopic", process_slug=process.slug, subtopic_id=item.id))
    return _render_subtopic(process, item, None, 422, merge_form=form)


@bp.route("/subtopic/<int:subtopic_id>/split", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def split_subtopic(process: Process, subtopic_id: int):
    item = _subtopic_or_404(process, subtopic_id)
    form = SplitForm(prefix="split")
    if form.validate_on_submit():
        try:
            new = operations.split_subtopic(
                process, item, form.assignments.data or [], form.name.data, current_user
            )
        except operations.WorkshopError as error:
            db.session.rollback()
            form.assignments.errors = [str(error)]
        else:
            log_action(
                "workshop_subtopic_split",
                f"subtopic:{item.id}",
                process=process,
                new=new.id,
                moved=len(form.assignments.data),
            )
            db.session.commit()
            flash(_("Das neue Unterthema „%(name)s“ ist angelegt.", name=new.name), "success")
            return redirect(url_for(".subtopic", process_slug=process.slug, subtopic_id=new.id))
    elif not form.assignments.data and "split-name" in request.form:
        form.assignments.errors = [
            _("Bitte mindestens einen Beitrag dieses Unterthemas auswählen.")
        ]
    return _render_subtopic(process, item, None, 422, split_form=form)


# -- learning loop and runs --------------------------------------------------------------------


@bp.route("/review")
@process_permission_required(Permission.MANAGE)
def review(process: Process):
    candidates = queries.review_candidates(process)
    order = []
    if candidates:
        analyzer = operations.current_analyzer(process)
        order = analyzer.rank_for_review([a.contribution.text for a in candidates], k=REVIEW_BATCH)
    items = [candidates[i] for i in order]
    forms = {}
    for assignment in items:
        form = FieldForm(
            prefix=f"field-{assignment.id}", data={"field_code": assignment.field_code}
        )
        form.field_code.choices = list(queries.field_names(process).items())
        forms[assignment.id] = form
    return render_template(
        "workshop/review.html",
        process=process,
        items=items,
        field_forms=forms,
        confirm_form=EmptyForm(),
        **_names(process),
    )


@bp.route("/runs", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def start_run(process: Process):
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        run = operations.start_run(process, current_user.email)
    except operations.WorkshopError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for(".board", process_slug=process.slug))
    log_action("workshop_analysis_started", f"analysis_run:{run.id}", process=process)
    db.session.commit()
    operations.launch_run(run)
    return redirect(url_for(".run", process_slug=process.slug, run_id=run.id))


@bp.route("/runs/<int:run_id>")
@process_permission_required(Permission.VIEW)
def run(process: Process, run_id: int):
    item = queries.get_run(process, run_id)
    if item is None:
        abort(404)
    return render_template("workshop/run.html", process=process, run=item, **_names(process))


@bp.route("/comparison")
@process_permission_required(Permission.VIEW)
def comparison(process: Process):
    return render_template(
        "workshop/comparison.html",
        process=process,
        rows=queries.recertification_comparison(process) if process.predecessor else [],
        **_names(process),
    )


# -- exports -----------------------------------------------------------------------------------


def _download(process: Process, data: bytes, mimetype: str, filename: str, kind: str, **details):
    log_action("workshop_export", f"process:{process.id}", process=process, format=kind, **details)
    db.session.commit()
    return Response(
        data,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.route("/export.xlsx")
@process_permission_required(Permission.EXPORT)
def export_xlsx(process: Process):
    return _download(
        process,
        exports.build_xlsx(process),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"workshop-{process.slug}.xlsx",
        "xlsx",
    )


@bp.route("/export.csv")
@process_permission_required(Permission.EXPORT)
def export_csv(process: Process):
    return _download(
        process, exports.build_csv(process), "text/csv", f"beitraege-{process.slug}.csv", "csv"
    )


@bp.route("/handout.docx")
@process_permission_required(Permission.EXPORT)
def export_docx(process: Process):
    field_code = request.args.get("field") or None
    if field_code is not None and field_code not in queries.field_names(process):
        abort(404)
    return _download(
        process,
        exports.build_docx(process, field_code),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        f"handout-{process.slug}{'-' + field_code if field_code else ''}.docx",
        "docx",
        field=field_code,
    )


@bp.route("/cards")
@process_permission_required(Permission.EXPORT)
def cards(process: Process):
    names = queries.field_names(process)
    field_code = request.args.get("field") or None
    if field_code is not None and field_code not in names:
        abort(404)
    codes = [field_code] if field_code else [c for c in names if c != OFF_TOPIC]
    cards = [
        (names[code], summary)
        for code in codes
        for summary in queries.subtopic_summaries(process, code)
        if summary.subtopic is not None and summary.count
    ]
    log_action(
        "workshop_export",
        f"process:{process.id}",
        process=process,
        format="cards",
        field=field_code,
    )
    db.session.commit()
    return render_template(
        "workshop/cards.html",
        process=process,
        cards=cards,
        field_code=field_code,
        **_names(process),
    )
