"""Staff pages: survey editor, results, exports, access codes, paper version and paper entry."""

from __future__ import annotations

import secrets
from datetime import datetime, time
from zoneinfo import ZoneInfo

import segno
from flask import (
    Blueprint,
    abort,
    current_app,
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
)
from participation.charts import bar_chart, column_chart
from participation.database import parse_id
from participation.extensions import db
from participation.i18n import _
from participation.multilingual.forms import TranslatableText
from participation.multilingual.views import translation_page
from participation.processes.models import Process
from participation.statistics import is_suppressed
from participation.surveys import exports, operations, queries
from participation.surveys.answers import condition_choices, local_datetime
from participation.surveys.forms import (
    AccessCodeForm,
    ConfirmForm,
    NewSectionForm,
    QuestionAddForm,
    QuestionForm,
    SectionForm,
    SurveyCreateForm,
    SurveySettingsForm,
)
from participation.surveys.models import AccessMode, QuestionType, SurveyState

bp = Blueprint(
    "surveys", __name__, url_prefix="/staff/p/<process_slug>/surveys", template_folder="templates"
)


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def _edit_url(survey, anchor: str = "") -> str:
    url = url_for("surveys.edit", process_slug=survey.process.slug, survey_id=survey.id)
    return f"{url}#{anchor}" if anchor else url


def _group_choices(process: Process):
    return [("", _("— keine bestimmte —"))] + [(g.code, g.name) for g in process.target_groups]


def _group(process: Process, code: str):
    return next((g for g in process.target_groups if g.code == code), None)


# --- list, create, copy, delete ------------------------------------------------------------


@bp.route("/")
@process_permission_required(Permission.VIEW)
def index(process: Process):
    form = SurveyCreateForm()
    form.target_group.choices = _group_choices(process)
    return render_template(
        "surveys/staff/index.html",
        process=process,
        surveys=queries.surveys_of(process),
        counts=queries.response_counts(process),
        form=form,
        can_manage=has_permission(current_user, process, Permission.MANAGE),
    )


@bp.route("/new", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def create(process: Process):
    form = SurveyCreateForm()
    form.target_group.choices = _group_choices(process)
    if form.validate_on_submit():
        survey = operations.create_survey(
            process, form.title.data, target_group=_group(process, form.target_group.data)
        )
        log_action("survey_created", f"survey:{survey.id}", process=process, title=survey.title)
        db.session.commit()
        flash(_("Die Umfrage ist angelegt. Fügen Sie jetzt Fragen hinzu."), "success")
        return redirect(_edit_url(survey))
    return (
        render_template(
            "surveys/staff/index.html",
            process=process,
            surveys=queries.surveys_of(process),
            counts=queries.response_counts(process),
            form=form,
            can_manage=True,
        ),
        422,
    )


@bp.route("/<int:survey_id>/copy", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def copy(process: Process, survey_id: int):
    survey = queries.get_survey(process, survey_id)
    if ConfirmForm().validate_on_submit():
        duplicate = operations.copy_survey(survey, title=_("%(title)s (Kopie)", title=survey.title))
        log_action("survey_copied", f"survey:{survey.id}", process=process, copy=duplicate.id)
        db.session.commit()
        flash(_("Die Kopie ist angelegt (als Entwurf, ohne Antworten)."), "success")
        return redirect(_edit_url(duplicate))
    abort(400)


@bp.route("/<int:survey_id>/delete", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def delete(process: Process, survey_id: int):
    survey = queries.get_survey(process, survey_id)
    if not ConfirmForm().validate_on_submit() or request.form.get("confirm") != "yes":
        flash(_("Bitte bestätigen Sie das Löschen mit dem Häkchen."), "error")
        return redirect(_edit_url(survey, "delete"))
    title = survey.title
    responses = queries.count_responses(survey)
    operations.delete_survey(survey)
    log_action(
        "survey_deleted", f"survey:{survey_id}", process=process, title=title, responses=responses
    )
    db.session.commit()
    flash(_("Die Umfrage „%(title)s“ ist gelöscht.", title=title), "success")
    return redirect(url_for("surveys.index", process_slug=process.slug))


# --- editor -----------------------------------------------------------------------------------


def _condition_choices(survey, item) -> list[tuple[str, str]]:
    """Options for "show only when": answers to questions on earlier pages."""
    own = item if hasattr(item, "questions") else item.section
    choices = [("", _("— immer anzeigen —"))]
    for question in survey.ordered_questions():
        if question.section.position >= own.position:
            continue
        for value, label in condition_choices(question, survey.process.districts):
            choices.append((f"{question.id}|{value}", f"{question.text[:60]} = {label[:40]}"))
    return choices


def _split_condition(raw: str) -> tuple[int | None, str]:
    if not raw or "|" not in raw:
        return None, ""
    question_id, value = raw.split("|", 1)
    question_id = parse_id(question_id)
    return (question_id, value) if question_id else (None, "")


def _settings_form(survey, formdata=None):
    zone = _zone()
    data = {
        "title": survey.title,
        "target_group": survey.target_group.code if survey.target_group else "",
        "intro": survey.intro,
        "thanks_text": survey.thanks_text,
        "consent_text": survey.consent_text,
        "state": survey.state.value,
        "access_mode": survey.access_mode.value,
        "opens_on": operations.as_aware(survey.opens_at).astimezone(zone).date()
        if survey.opens_at
        else None,
        "closes_on": operations.as_aware(survey.closes_at).astimezone(zone).date()
        if survey.closes_at
        else None,
    }
    form = SurveySettingsForm(formdata=formdata, data=data, prefix="settings")
    form.target_group.choices = _group_choices(survey.process)
    return form


def _section_form(survey, section, formdata=None):
    data = {
        "title": section.title,
        "description": section.description,
        "condition": f"{section.condition_question_id}|{section.condition_value}"
        if section.condition_question_id
        else "",
    }
    form = SectionForm(formdata=formdata, data=data, prefix=f"section{section.id}")
    form.condition.choices = _condition_choices(survey, section)
    return form


def _render_editor(survey, status=200, **forms):
    process = survey.process
    forms.setdefault("settings_form", _settings_form(survey))
    forms.setdefault("new_section_form", NewSectionForm(prefix="newsection"))
    section_forms = forms.pop("section_forms", {})
    add_forms = forms.pop("add_forms", {})
    for section in survey.sections:
        section_forms.setdefault(section.id, _section_form(survey, section))
        add_forms.setdefault(section.id, QuestionAddForm(prefix=f"add{section.id}"))
    return (
        render_template(
            "surveys/staff/edit.html",
            process=process,
            survey=survey,
            section_forms=section_forms,
            add_forms=add_forms,
            confirm_form=ConfirmForm(),
            responses=queries.count_responses(survey),
            **forms,
        ),
        status,
    )


@bp.route("/<int:survey_id>/")
@process_permission_required(Permission.MANAGE)
def edit(process: Process, survey_id: int):
    return _render_editor(queries.get_survey(process, survey_id))


def _to_moment(day, end=False):
    if day is None:
        return None
    moment = datetime.combine(day, time(23, 59, 59) if end else time.min, tzinfo=_zone())
    return moment


@bp.route("/<int:survey_id>/settings", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def update_settings(process: Process, survey_id: int):
    survey = queries.get_survey(process, survey_id)
    form = _settings_form(survey, request.form)
    if form.validate_on_submit():
        try:
            operations.update_survey(
                survey,
                title=form.title.data,
                intro=form.intro.data or "",
                thanks_text=form.thanks_text.data or "",
                consent_text=form.consent_text.data or "",
                target_group=_group(process, form.target_group.data),
                state=SurveyState(form.state.data),
                access_mode=AccessMode(form.access_mode.data),
                opens_at=_to_moment(form.opens_on.data),
                closes_at=_to_moment(form.closes_on.data, end=True),
            )
        except operations.SurveyError as error:
            db.session.rollback()
            survey = queries.get_survey(process, survey_id)
            form.state.errors = [str(error)]
            return _render_editor(survey, 422, settings_form=form)
        log_action(
            "survey_updated", f"survey:{survey.id}", process=process, state=survey.state.value
        )
        db.session.commit()
        flash(_("Die Einstellungen sind gespeichert."), "success")
        return redirect(_edit_url(survey))
    return _render_editor(survey, 422, settings_form=form)


@bp.route("/<int:survey_id>/sections/new", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def add_section(process: Process, survey_id: int):
    survey = queries.get_survey(process, survey_id)
    form = NewSectionForm(prefix="newsection")
    if form.validate_on_submit():
        section = operations.add_section(survey, form.title.data, form.description.data or "")
        db.session.commit()
        return redirect(_edit_url(survey, f"section-{section.id}"))
    return _render_editor(survey, 422, new_section_form=form)


def _section(survey, section_id):
    section = survey.section_by_id(section_id)
    if section is None:
        abort(404)
    return section


def _step(direction: str) -> int:
    """Map the URL's "up"/"down" to a step; anything else is 404."""
    if direction not in ("up", "down"):
        abort(404)
    return -1 if direction == "up" else 1


def _question(survey, question_id):
    question = survey.question_by_id(question_id)
    if question is None:
        abort(404)
    return question


@bp.route("/<int:survey_id>/sections/<int:section_id>", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def update_section(process: Process, survey_id: int, section_id: int):
    survey = queries.get_survey(process, survey_id)
    section = _section(survey, section_id)
    form = _section_form(survey, section, request.form)
    if form.validate_on_submit():
        question_id, value = _split_condition(form.condition.data)
        try:
            operations.update_section(
                section,
                title=form.title.data,
                description=form.description.data or "",
                condition_question_id=question_id,
                condition_value=value,
            )
        except operations.SurveyError as error:
            form.condition.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("Die Seite ist gespeichert."), "success")
            return redirect(_edit_url(survey, f"section-{section.id}"))
    return _render_editor(survey, 422, section_forms={section.id: form})


@bp.route("/<int:survey_id>/sections/<int:section_id>/delete", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def delete_section(process: Process, survey_id: int, section_id: int):
    survey = queries.get_survey(process, survey_id)
    section = _section(survey, section_id)
    if ConfirmForm().validate_on_submit():
        try:
            operations.delete_section(section)
        except operations.SurveyError as error:
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("Die Seite ist gelöscht."), "success")
    return redirect(_edit_url(survey))


@bp.route("/<int:survey_id>/sections/<int:section_id>/move/<direction>", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def move_section(process: Process, survey_id: int, section_id: int, direction: str):
    survey = queries.get_survey(process, survey_id)
    section = _section(survey, section_id)
    step = _step(direction)
    if ConfirmForm().validate_on_submit():
        operations.move_section(section, step)
        db.session.commit()
    return redirect(_edit_url(survey, f"section-{section.id}"))


@bp.route("/<int:survey_id>/sections/<int:section_id>/questions/new", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def add_question(process: Process, survey_id: int, section_id: int):
    survey = queries.get_survey(process, survey_id)
    section = _section(survey, section_id)
    form = QuestionAddForm(prefix=f"add{section.id}")
    if form.validate_on_submit():
        try:
            question = operations.add_question(
                section, QuestionType(form.type.data), form.text.data, required=form.required.data
            )
        except operations.SurveyError as error:
            form.text.errors = [str(error)]
        else:
            db.session.commit()
            if question.type.has_options:
                flash(
                    _("Die Frage ist angelegt. Tragen Sie jetzt die Antwortmöglichkeiten ein."),
                    "success",
                )
                return redirect(
                    url_for(
                        "surveys.edit_question",
                        process_slug=process.slug,
                        survey_id=survey.id,
                        question_id=question.id,
                    )
                )
            flash(_("Die Frage ist angelegt."), "success")
            return redirect(_edit_url(survey, f"question-{question.id}"))
    return _render_editor(survey, 422, add_forms={section.id: form})


def _question_form(survey, question, formdata=None):
    data = {
        "text": question.text,
        "help_text": question.help_text,
        "required": question.required,
        "allow_other": question.allow_other,
        "options": "\n".join(o.label for o in question.options),
        "scale_min": question.scale_min,
        "scale_max": question.scale_max,
        "scale_labels": "\n".join(question.scale_labels or []),
        "number_min": question.number_min,
        "number_max": question.number_max,
        "fields": [f.code for f in question.fields_of_action],
        "condition": f"{question.condition_question_id}|{question.condition_value}"
        if question.condition_question_id
        else "",
    }
    form = QuestionForm(formdata=formdata, data=data)
    form.fields.choices = [(f.code, f"{f.code} {f.name}") for f in survey.process.fields_of_action]
    form.condition.choices = _condition_choices(survey, question)
    return form


@bp.route("/<int:survey_id>/questions/<int:question_id>", methods=["GET", "POST"])
@process_permission_required(Permission.MANAGE)
def edit_question(process: Process, survey_id: int, question_id: int):
    survey = queries.get_survey(process, survey_id)
    question = _question(survey, question_id)
    form = _question_form(survey, question, request.form if request.method == "POST" else None)
    if form.validate_on_submit():
        question_id_, value = _split_condition(form.condition.data)
        try:
            operations.update_question(
                question,
                text=form.text.data,
                help_text=form.help_text.data or "",
                required=form.required.data,
                allow_other=form.allow_other.data,
                options=(form.options.data or "").splitlines(),
                scale_min=form.scale_min.data,
                scale_max=form.scale_max.data,
                scale_labels=(form.scale_labels.data or "").splitlines(),
                number_min=form.number_min.data,
                number_max=form.number_max.data,
                field_codes=form.fields.data or [],
                condition_question_id=question_id_,
                condition_value=value,
            )
        except operations.SurveyError as error:
            db.session.rollback()
            form.text.errors = [*form.text.errors, str(error)]
            survey = queries.get_survey(process, survey_id)
            question = _question(survey, question_id)
        else:
            db.session.commit()
            flash(_("Die Frage ist gespeichert."), "success")
            return redirect(_edit_url(survey, f"question-{question.id}"))
    return (
        render_template(
            "surveys/staff/question.html",
            process=process,
            survey=survey,
            question=question,
            form=form,
            responses=queries.count_responses(survey),
        ),
        422 if form.errors else 200,
    )


@bp.route("/<int:survey_id>/questions/<int:question_id>/delete", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def delete_question(process: Process, survey_id: int, question_id: int):
    survey = queries.get_survey(process, survey_id)
    question = _question(survey, question_id)
    if ConfirmForm().validate_on_submit():
        text = question.text
        operations.delete_question(question)
        log_action(
            "survey_question_deleted", f"survey:{survey.id}", process=process, question=text[:100]
        )
        db.session.commit()
        flash(_("Die Frage ist gelöscht."), "success")
    return redirect(_edit_url(survey))


@bp.route(
    "/<int:survey_id>/questions/<int:question_id>/move/<direction>",
    methods=["POST"],
)
@process_permission_required(Permission.MANAGE)
def move_question(process: Process, survey_id: int, question_id: int, direction: str):
    survey = queries.get_survey(process, survey_id)
    question = _question(survey, question_id)
    step = _step(direction)
    if ConfirmForm().validate_on_submit():
        operations.move_question(question, step)
        db.session.commit()
    return redirect(_edit_url(survey, f"question-{question.id}"))


# --- results and exports -----------------------------------------------------------------------


def _translatable_texts(survey) -> list:
    """The survey's texts grouped for the translation page: the survey, then each page."""
    survey_texts = [
        TranslatableText(survey, "title", _("Titel"), max_length=200),
        TranslatableText(survey, "intro", _("Einleitung"), multiline=True),
        TranslatableText(survey, "thanks_text", _("Text auf der Dankeseite"), multiline=True),
        TranslatableText(survey, "consent_text", _("Einwilligungstext"), multiline=True),
    ]
    groups = [(_("Umfrage"), survey_texts)]
    for section in survey.sections:
        texts = [
            TranslatableText(section, "title", _("Titel der Seite"), max_length=200),
            TranslatableText(section, "description", _("Text zur Seite"), multiline=True),
        ]
        for question in section.questions:
            texts.append(TranslatableText(question, "text", _("Frage"), max_length=2000))
            texts.append(TranslatableText(question, "help_text", _("Hilfetext"), max_length=2000))
            if question.type.has_scale and any(question.scale_labels or []):
                texts.append(
                    TranslatableText(
                        question,
                        "scale_labels",
                        _("Beschriftung der Stufen (eine pro Zeile)"),
                        multiline=True,
                        max_length=2000,
                        german="\n".join(question.scale_labels),
                    )
                )
            label = (
                _("Aussage") if question.type is QuestionType.MATRIX else _("Antwortmöglichkeit")
            )
            texts.extend(
                TranslatableText(option, "label", label, max_length=500)
                for option in question.options
            )
        groups.append(
            (_("Seite: %(title)s", title=section.title), [t for t in texts if t.original])
        )
    return [(heading, [t for t in texts if t.original]) for heading, texts in groups]


@bp.route("/<int:survey_id>/translations/<language>", methods=["GET", "POST"])
@process_permission_required(Permission.MANAGE)
def translations(process: Process, survey_id: int, language: str):
    survey = queries.get_survey(process, survey_id)
    return translation_page(
        groups=_translatable_texts(survey),
        language=language,
        title=survey.title,
        back_url=_edit_url(survey),
        page_url=lambda code: url_for(
            "surveys.translations", process_slug=process.slug, survey_id=survey.id, language=code
        ),
        process=process,
    )


@bp.route("/<int:survey_id>/results")
@process_permission_required(Permission.VIEW)
def results(process: Process, survey_id: int):
    survey = queries.get_survey(process, survey_id)
    district = None
    if wanted := parse_id(request.args.get("district")):
        district = next((d for d in process.districts if d.id == wanted), None)
    field = process.field_by_code(request.args.get("field", ""))
    total = queries.count_responses(survey)
    count = queries.count_responses(survey, district.id if district else None)
    suppressed = district is not None and is_suppressed(count)
    questions = survey.ordered_questions()
    if field is not None:
        questions = [q for q in questions if field in q.fields_of_action]
    results_ = (
        []
        if suppressed
        else queries.question_results(survey, district.id if district else None, questions)
    )
    charts = {r.question.id: bar_chart(r.rows, title=r.question.text) for r in results_ if r.rows}
    days = queries.responses_per_day(survey, district.id if district else None)
    timeline = (
        column_chart([(d.strftime("%d.%m."), n) for d, n in days], title=_("Antworten pro Tag"))
        if days and not suppressed
        else None
    )
    return render_template(
        "surveys/staff/results.html",
        process=process,
        survey=survey,
        district=district,
        field=field,
        total=total,
        count=count,
        suppressed=suppressed,
        results=results_,
        charts=charts,
        timeline=timeline,
        days=[] if suppressed else days,
        channels=queries.channel_counts(survey),
        district_counts=queries.district_counts(survey),
        asks_district=any(q.type is QuestionType.DISTRICT for q in survey.ordered_questions()),
        can_export=has_permission(current_user, process, Permission.EXPORT),
    )


@bp.route("/overview")
@process_permission_required(Permission.VIEW)
def overview(process: Process):
    groups = queries.target_group_counts(process)
    chart = bar_chart(
        [(name, value) for name, _shown, value in groups], title=_("Antworten nach Zielgruppe")
    )
    return render_template(
        "surveys/staff/overview.html",
        process=process,
        groups=groups,
        chart=chart,
        by_field=queries.questions_by_field(process),
    )


def _download(data: bytes, filename: str, mimetype: str):
    response = current_app.response_class(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _export_name(survey, extension: str) -> str:
    stamp = datetime.now(_zone()).strftime("%Y-%m-%d")
    return f"umfrage-{survey.id}-antworten-{stamp}.{extension}"


@bp.route("/<int:survey_id>/export.csv")
@process_permission_required(Permission.EXPORT)
def export_csv(process: Process, survey_id: int):
    survey = queries.get_survey(process, survey_id)
    data = exports.export_csv(survey)
    log_action("survey_exported", f"survey:{survey.id}", process=process, format="csv")
    db.session.commit()
    return _download(data, _export_name(survey, "csv"), "text/csv; charset=utf-8")


@bp.route("/<int:survey_id>/export.xlsx")
@process_permission_required(Permission.EXPORT)
def export_xlsx(process: Process, survey_id: int):
    survey = queries.get_survey(process, survey_id)
    data = exports.export_xlsx(survey)
    log_action("survey_exported", f"survey:{survey.id}", process=process, format="xlsx")
    db.session.commit()
    return _download(
        data,
        _export_name(survey, "xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


# --- access codes -----------------------------------------------------------------------------


@bp.route("/<int:survey_id>/codes", methods=["GET", "POST"])
@process_permission_required(Permission.MANAGE)
def codes(process: Process, survey_id: int):
    survey = queries.get_survey(process, survey_id)
    form = AccessCodeForm()
    if form.validate_on_submit():
        try:
            created = operations.generate_access_codes(
                survey, form.count.data, form.label.data or ""
            )
        except operations.SurveyError as error:
            form.count.errors = [str(error)]
        else:
            label = created[0].batch_label
            log_action(
                "access_codes_created",
                f"survey:{survey.id}",
                process=process,
                count=len(created),
                batch=label,
            )
            db.session.commit()
            flash(_("%(n)s Zugangscodes sind erzeugt.", n=len(created)), "success")
            return redirect(
                url_for(
                    "surveys.code_slips",
                    process_slug=process.slug,
                    survey_id=survey.id,
                    batch=label,
                )
            )
    return (
        render_template(
            "surveys/staff/codes.html",
            process=process,
            survey=survey,
            form=form,
            batches=queries.code_batches(survey),
        ),
        422 if form.errors else 200,
    )


@bp.route("/<int:survey_id>/codes/slips")
@process_permission_required(Permission.MANAGE)
def code_slips(process: Process, survey_id: int):
    survey = queries.get_survey(process, survey_id)
    label = request.args.get("batch", "")
    codes_ = queries.batch_codes(survey, label)
    if not codes_:
        abort(404)
    start = url_for(
        "survey_participation.start", process_slug=process.slug, survey_id=survey.id, _external=True
    )
    slips = [
        (
            operations.format_code(c.code),
            c.spent_at is not None,
            segno.make(f"{start}?code={c.code}", error="m").svg_data_uri(scale=3, border=2),
        )
        for c in codes_
    ]
    return render_template(
        "surveys/staff/slips.html",
        process=process,
        survey=survey,
        label=label,
        slips=slips,
        start=start,
    )


# --- paper --------------------------------------------------------------------------------------


@bp.route("/<int:survey_id>/paper")
@process_permission_required(Permission.VIEW)
def paper(process: Process, survey_id: int):
    survey = queries.get_survey(process, survey_id)
    return render_template("surveys/staff/paper.html", process=process, survey=survey)


@bp.route("/<int:survey_id>/paper/entry", methods=["GET", "POST"])
@process_permission_required(Permission.MANAGE)
def paper_entry(process: Process, survey_id: int):
    """Type in one paper questionnaire; the form's token makes a double submit harmless."""
    survey = queries.get_survey(process, survey_id)
    errors: dict[int, str] = {}
    data = request.form
    token = request.form.get("submission_token") or secrets.token_urlsafe(24)
    if request.method == "POST" and ConfirmForm().validate_on_submit():
        answers: dict = {}
        for section in survey.sections:
            if operations.is_shown(survey, section, answers):
                answers, page_errors = operations.read_page(survey, section, request.form, answers)
                errors.update(page_errors)
        if not errors:
            try:
                operations.enter_paper_response(survey, answers, token)
            except operations.AlreadySubmitted:
                flash(
                    _("Dieser Fragebogen war schon gespeichert; er wurde nicht doppelt erfasst."),
                    "info",
                )
            else:
                log_action("survey_paper_entered", f"survey:{survey.id}", process=process)
                db.session.commit()
                flash(
                    _("Der Papierfragebogen ist gespeichert. Sie können den nächsten eingeben."),
                    "success",
                )
            return redirect(
                url_for("surveys.paper_entry", process_slug=process.slug, survey_id=survey.id)
            )
    return (
        render_template(
            "surveys/staff/paper_entry.html",
            process=process,
            survey=survey,
            data=data,
            errors=errors,
            token=token,
            paper_count=queries.channel_counts(survey).get("paper", 0),
        ),
        422 if errors else 200,
    )


bp.add_app_template_filter(local_datetime, "local_datetime")
