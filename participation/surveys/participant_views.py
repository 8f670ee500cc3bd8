"""Participant pages: answer a survey page by page, review, send; save and resume later.

The answers so far live in a server-side draft whose random token is kept in the (signed)
session cookie; everything works without JavaScript.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for

from participation.extensions import db, limiter
from participation.i18n import _
from participation.multilingual.text import localized
from participation.public.views import public_process
from participation.surveys import operations, queries
from participation.surveys.answers import answer_labels, answer_to_form
from participation.surveys.models import AccessMode, SurveyState
from participation.surveys.structure import cached_survey

bp = Blueprint(
    "survey_participation",
    __name__,
    url_prefix="/p/<process_slug>/umfrage",
    template_folder="templates",
)

SESSION_KEY = "survey_drafts"
MAX_REMEMBERED = 20


def _option_text(option) -> str:
    return localized(option, "label")


def _load(process_slug: str, survey_id: int):
    process = public_process(process_slug)
    survey = cached_survey(process.id, survey_id)
    if survey is None or survey.state is SurveyState.DRAFT:
        abort(404)
    return process, survey


def _current_draft(survey):
    return operations.find_draft(survey, session.get(SESSION_KEY, {}).get(str(survey.id)))


def _remember(survey_id: int, token: str) -> None:
    drafts = dict(session.get(SESSION_KEY, {}))
    drafts.pop(str(survey_id), None)
    drafts[str(survey_id)] = token
    session[SESSION_KEY] = dict(list(drafts.items())[-MAX_REMEMBERED:])


# URLs are built from the request's own arguments: after a commit the loaded rows are expired
# and touching them would reload the whole survey.
def _url(endpoint: str, **values):
    args = request.view_args
    return url_for(
        endpoint, process_slug=args["process_slug"], survey_id=args["survey_id"], **values
    )


def _page_url(section):
    return _url(".page", section_id=section.id)


def _start_page(
    process,
    survey,
    *,
    status=200,
    code_error=None,
    resume_error=None,
    draft=None,
    consent_error=None,
):
    return (
        render_template(
            "surveys/start.html",
            process=process,
            survey=survey,
            draft=draft if draft is not None else _current_draft(survey),
            closed=operations.closed_reason(survey),
            code=request.values.get("code", ""),
            resume_code=request.values.get("resume_code", ""),
            code_error=code_error,
            resume_error=resume_error,
            consent_error=consent_error,
            format_code=operations.format_code,
        ),
        status,
    )


@bp.route("/<int:survey_id>/")
def start(process_slug: str, survey_id: int):
    process, survey = _load(process_slug, survey_id)
    return _start_page(process, survey)


@bp.route("/<int:survey_id>/fortsetzen/<code>")
def resume_link(process_slug: str, survey_id: int, code: str):
    """A saved resume link: shows the start page with the code filled in (no change on GET)."""
    process, survey = _load(process_slug, survey_id)
    return render_template(
        "surveys/start.html",
        process=process,
        survey=survey,
        draft=_current_draft(survey),
        closed=operations.closed_reason(survey),
        code="",
        resume_code=operations.format_code(operations.normalise_code(code)),
        code_error=None,
        resume_error=None,
        format_code=operations.format_code,
    )


@bp.route("/<int:survey_id>/beginnen", methods=["POST"])
@limiter.limit("60 per minute", methods=["POST"])
def begin(process_slug: str, survey_id: int):
    process, survey = _load(process_slug, survey_id)
    if reason := operations.closed_reason(survey):
        flash(reason, "error")
        return _start_page(process, survey, status=410)
    draft = _current_draft(survey)
    if (
        survey.consent_text
        and not (draft and not draft.submitted)
        and not request.form.get("consent")
    ):
        return _start_page(
            process,
            survey,
            status=422,
            consent_error=_(
                "Bitte stimmen Sie der Einwilligung zu, um an dieser Umfrage teilzunehmen."
            ),
        )
    access_code = None
    if survey.access_mode is AccessMode.CODES:
        try:
            access_code = operations.find_access_code(survey, request.form.get("code", ""))
        except operations.SurveyError as error:
            return _start_page(process, survey, status=422, code_error=str(error))
        if draft and not draft.submitted and draft.access_code_id == access_code.id:
            return redirect(_next_url(survey, draft))
    elif draft and not draft.submitted:
        return redirect(_next_url(survey, draft))
    draft = operations.start_draft(survey, access_code)
    target, token = _next_url(survey, draft), draft.token
    db.session.commit()
    _remember(survey_id, token)
    return redirect(target)


@bp.route("/<int:survey_id>/fortsetzen", methods=["POST"])
@limiter.limit("20 per minute", methods=["POST"])
def resume(process_slug: str, survey_id: int):
    process, survey = _load(process_slug, survey_id)
    try:
        draft = operations.resume_draft(survey, request.form.get("resume_code", ""))
    except operations.SurveyError as error:
        return _start_page(process, survey, status=422, resume_error=str(error))
    target, token = _next_url(survey, draft), draft.token
    db.session.commit()
    _remember(survey_id, token)
    flash(_("Willkommen zurück! Ihre Antworten sind wieder da."), "success")
    return redirect(target)


def _next_url(survey, draft) -> str:
    """The first page not answered yet or with a missing answer; else the review page."""
    incomplete = operations.first_incomplete_section(survey, draft.answers)
    for section in operations.visible_sections(survey, draft.answers):
        answered = any(str(q.id) in draft.answers for q in section.questions)
        if not answered or (incomplete and incomplete[0] is section):
            return _page_url(section)
    return _url(".review")


def _draft_or_restart(process, survey):
    """Return (draft, None) or (None, response) when there is nothing to continue."""
    draft = _current_draft(survey)
    if draft is None:
        flash(
            _("Wir haben keine begonnenen Antworten gefunden. Bitte beginnen Sie die Umfrage."),
            "warning",
        )
        return None, redirect(_url(".start"))
    if draft.submitted:
        flash(_("Diese Antworten haben Sie bereits abgeschickt. Vielen Dank!"), "info")
        return None, redirect(_url(".thanks"))
    if reason := operations.closed_reason(survey):
        flash(reason, "error")
        return None, (_start_page(process, survey, status=410, draft=draft))
    return draft, None


def _render_page(process, survey, draft, section, data, errors, status=200):
    sections = operations.expected_sections(survey, draft.answers)
    number = sections.index(section) + 1 if section in sections else 1
    return (
        render_template(
            "surveys/page.html",
            process=process,
            survey=survey,
            section=section,
            questions=operations.visible_questions(survey, section, draft.answers),
            data=data,
            errors=errors,
            number=number,
            total=len(sections),
            districts=operations.survey_districts(survey),
        ),
        status,
    )


@bp.route("/<int:survey_id>/seite/<int:section_id>", methods=["GET", "POST"])
def page(process_slug: str, survey_id: int, section_id: int):
    process, survey = _load(process_slug, survey_id)
    section = survey.section_by_id(section_id)
    if section is None:
        abort(404)
    draft, stop = _draft_or_restart(process, survey)
    if stop is not None:
        return stop
    if section not in operations.visible_sections(survey, draft.answers):
        return redirect(_next_url(survey, draft))
    if request.method == "GET":
        data = _Data()
        for question in section.questions:
            data.update(answer_to_form(question, draft.answers.get(str(question.id))))
        return _render_page(process, survey, draft, section, data, {})

    action = request.form.get("action", "next")
    answers, errors = operations.read_page(survey, section, request.form, draft.answers)
    operations.save_answers(draft, answers)
    if action == "save":
        code = operations.create_resume_code(draft)
        page_html = render_template(
            "surveys/saved.html",
            process=process,
            survey=survey,
            code=operations.format_code(code),
            link=_url(".resume_link", code=code, _external=True),
            section=section,
        )
        db.session.commit()
        return page_html
    # Decide (and render) before the commit, which expires every loaded row.
    sections = operations.visible_sections(survey, answers)
    if action == "back":
        index = sections.index(section) if section in sections else 0
        result = redirect(_url(".start") if index == 0 else _page_url(sections[index - 1]))
    elif errors:
        result = _render_page(process, survey, draft, section, request.form, errors, 422)
    else:
        later = [s for s in sections if s.position > section.position]
        result = redirect(_page_url(later[0]) if later else _url(".review"))
    db.session.commit()
    return result


class _Data(dict):
    def getlist(self, key):
        value = self.get(key)
        if value is None:
            return []
        return list(value) if isinstance(value, list) else [value]


def _review_page(process, survey, draft, error=None, status=200):
    rows = []
    districts = operations.survey_districts(survey)
    for section in operations.visible_sections(survey, draft.answers):
        entries = [
            (q, answer_labels(q, draft.answers.get(str(q.id)), districts, _option_text))
            for q in operations.visible_questions(survey, section, draft.answers)
        ]
        rows.append((section, entries))
    return (
        render_template(
            "surveys/review.html",
            process=process,
            survey=survey,
            draft=draft,
            rows=rows,
            error=error,
        ),
        status,
    )


@bp.route("/<int:survey_id>/pruefen")
def review(process_slug: str, survey_id: int):
    process, survey = _load(process_slug, survey_id)
    draft, stop = _draft_or_restart(process, survey)
    if stop is not None:
        return stop
    incomplete = operations.first_incomplete_section(survey, draft.answers)
    if incomplete is not None:
        flash(_("Bitte beantworten Sie noch die Pflichtfragen auf dieser Seite."), "warning")
        return redirect(_page_url(incomplete[0]))
    return _review_page(process, survey, draft)


@bp.route("/<int:survey_id>/absenden", methods=["POST"])
@limiter.limit("30 per minute", methods=["POST"])
def submit(process_slug: str, survey_id: int):
    process, survey = _load(process_slug, survey_id)
    draft = _current_draft(survey)
    if draft is None:
        flash(
            _("Wir haben keine begonnenen Antworten gefunden. Bitte beginnen Sie die Umfrage."),
            "warning",
        )
        return redirect(_url(".start"))
    try:
        operations.submit_draft(survey, draft, request.form.get("submission_token", ""))
    except operations.AlreadySubmitted:
        return redirect(_url(".thanks"))
    except operations.SurveyError as error:
        db.session.rollback()
        draft = _current_draft(survey)
        if draft is None or draft.submitted:
            return redirect(_url(".thanks"))
        return _review_page(process, survey, draft, error=str(error), status=409)
    return redirect(_url(".thanks"))


@bp.route("/<int:survey_id>/danke")
def thanks(process_slug: str, survey_id: int):
    process, survey = _load(process_slug, survey_id)
    draft = _current_draft(survey)
    if draft is None or not draft.submitted:
        return redirect(_url(".start"))
    return render_template("surveys/thanks.html", process=process, survey=survey)


@bp.app_template_global()
def open_surveys_of(process):
    """The surveys listed on the participant start page of a process."""
    return queries.open_surveys(process)
