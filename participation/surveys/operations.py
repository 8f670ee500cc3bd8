"""Every change to surveys: editing, drafts, submitting responses, access codes, copies."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from participation.contributions.models import ContributionSource
from participation.contributions.operations import record_contribution, remove_contribution
from participation.database import parse_id, utcnow
from participation.extensions import db
from participation.i18n import _, _l, in_german
from participation.multilingual.operations import copy_translations
from participation.processes.models import Process, TargetGroup
from participation.surveys.answers import (
    OTHER,
    answer_matches,
    check_stored_answer,
    parse_answer,
)
from participation.surveys.models import (
    AccessMode,
    QuestionType,
    ResponseChannel,
    Survey,
    SurveyAccessCode,
    SurveyAnswer,
    SurveyDraft,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
    SurveyState,
)

DRAFT_LIFETIME = timedelta(days=30)
# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: codes are read off paper and typed on phones.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
ACCESS_CODE_LENGTH = 8
RESUME_CODE_LENGTH = 8
MAX_CODES_PER_BATCH = 500


class SurveyError(ValueError):
    """A change or a submission was refused; the message is shown to the person."""


class AlreadySubmitted(Exception):
    """The draft was submitted before (double click, replayed form): nothing new is stored."""


# --- editing ---------------------------------------------------------------------------------


def as_aware(moment: datetime | None) -> datetime | None:
    """Return a timezone-aware moment (SQLite gives naive UTC back)."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def create_survey(
    process: Process,
    title: str,
    *,
    target_group: TargetGroup | None = None,
    intro: str = "",
    first_section: str | None = None,
) -> Survey:
    """Create a draft survey with one empty page; the caller commits."""
    title = (title or "").strip()
    if not title:
        raise SurveyError(_("Bitte einen Titel angeben."))
    if target_group is not None and target_group.process_id != process.id:
        raise SurveyError(_("Diese Zielgruppe gehört nicht zu diesem Verfahren."))
    survey = Survey(
        process=process, title=title[:200], target_group=target_group, intro=intro.strip()
    )
    db.session.add(survey)
    survey.sections.append(
        SurveySection(title=first_section or in_german(_l("Seite 1")), position=0)
    )
    db.session.flush()
    return survey


def update_survey(
    survey: Survey,
    *,
    title: str,
    intro: str = "",
    thanks_text: str = "",
    consent_text: str = "",
    target_group: TargetGroup | None = None,
    state: SurveyState,
    access_mode: AccessMode,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
) -> None:
    title = (title or "").strip()
    if not title:
        raise SurveyError(_("Bitte einen Titel angeben."))
    opens_at, closes_at = as_aware(opens_at), as_aware(closes_at)
    if opens_at and closes_at and closes_at <= opens_at:
        raise SurveyError(_("Das Ende muss nach dem Beginn liegen."))
    if target_group is not None and target_group.process_id != survey.process_id:
        raise SurveyError(_("Diese Zielgruppe gehört nicht zu diesem Verfahren."))
    if state is SurveyState.OPEN and not survey.ordered_questions():
        raise SurveyError(_("Eine Umfrage ohne Fragen kann nicht geöffnet werden."))
    survey.title = title[:200]
    survey.intro = (intro or "").strip()
    survey.thanks_text = (thanks_text or "").strip()
    survey.consent_text = (consent_text or "").strip()
    survey.target_group = target_group
    survey.state = state
    survey.access_mode = access_mode
    survey.opens_at, survey.closes_at = opens_at, closes_at


def delete_survey(survey: Survey) -> None:
    """Delete a survey with its responses and their contributions; the caller commits."""
    text_answer_ids = db.session.scalars(
        select(SurveyAnswer.id)
        .join(SurveyResponse)
        .where(SurveyResponse.survey_id == survey.id, SurveyAnswer.value_text.is_not(None))
    ).all()
    for answer_id in text_answer_ids:
        remove_contribution(ContributionSource.SURVEY_ANSWER, answer_id)
    db.session.execute(delete(SurveyDraft).where(SurveyDraft.survey_id == survey.id))
    db.session.execute(delete(SurveyAccessCode).where(SurveyAccessCode.survey_id == survey.id))
    db.session.execute(delete(SurveyResponse).where(SurveyResponse.survey_id == survey.id))
    db.session.delete(survey)


def copy_survey(
    survey: Survey, target: Process | None = None, *, title: str | None = None
) -> Survey:
    """Copy a survey's pages and questions as a new draft, without responses or codes.

    Into another process (a re-certification) the target group and fields of action are
    matched by their stable codes; conditions on districts are dropped there.
    """
    target = target or survey.process
    same_process = target.id == survey.process_id
    groups = {g.code: g for g in target.target_groups}
    fields = {f.code: f for f in target.fields_of_action}
    copy = Survey(
        process=target,
        title=(title or survey.title)[:200],
        intro=survey.intro,
        thanks_text=survey.thanks_text,
        consent_text=survey.consent_text,
        target_group=groups.get(survey.target_group.code) if survey.target_group else None,
        access_mode=survey.access_mode,
        state=SurveyState.DRAFT,
    )
    copy_translations(survey, copy)
    db.session.add(copy)
    with db.session.no_autoflush:
        question_map: dict[int, SurveyQuestion] = {}
        option_map: dict[int, SurveyOption] = {}
        pending_conditions = []
        for section in survey.sections:
            new_section = SurveySection(
                title=section.title, description=section.description, position=section.position
            )
            copy_translations(section, new_section)
            copy.sections.append(new_section)
            pending_conditions.append((section, new_section))
            for question in section.questions:
                new_question = SurveyQuestion(
                    survey=copy,
                    position=question.position,
                    type=question.type,
                    text=question.text,
                    help_text=question.help_text,
                    required=question.required,
                    allow_other=question.allow_other,
                    scale_min=question.scale_min,
                    scale_max=question.scale_max,
                    scale_labels=list(question.scale_labels or []),
                    number_min=question.number_min,
                    number_max=question.number_max,
                    fields_of_action=[
                        fields[f.code] for f in question.fields_of_action if f.code in fields
                    ],
                )
                copy_translations(question, new_question)
                new_section.questions.append(new_question)
                for option in question.options:
                    new_option = SurveyOption(label=option.label, position=option.position)
                    copy_translations(option, new_option)
                    new_question.options.append(new_option)
                    option_map[option.id] = new_option
                question_map[question.id] = new_question
                pending_conditions.append((question, new_question))
    db.session.flush()
    for old, new in pending_conditions:
        source = question_map.get(old.condition_question_id or 0)
        if source is None:
            continue
        value = old.condition_value
        if source.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
            if value != OTHER:
                option = option_map.get(parse_id(value))
                if option is None:
                    continue
                value = str(option.id)
        elif source.type is QuestionType.DISTRICT and not same_process:
            continue
        new.condition_question_id, new.condition_value = source.id, value
    return copy


def copy_predecessor_surveys(process: Process) -> None:
    """Process-created hook: a re-certification starts with its predecessor's surveys."""
    if process.predecessor is None:
        return
    for survey in db.session.scalars(
        select(Survey).where(Survey.process_id == process.predecessor_id).order_by(Survey.id)
    ):
        copy_survey(survey, process)


def add_section(survey: Survey, title: str, description: str = "") -> SurveySection:
    title = (title or "").strip()
    if not title:
        raise SurveyError(_("Bitte einen Titel für die Seite angeben."))
    section = SurveySection(
        title=title[:200], description=(description or "").strip(), position=len(survey.sections)
    )
    survey.sections.append(section)
    db.session.flush()
    return section


def _check_condition(survey: Survey, item, question_id: int | None, value: str) -> None:
    """A condition must point to a question on an earlier page (pages work without JS)."""
    if not question_id:
        return
    source = survey.question_by_id(question_id)
    if source is None:
        raise SurveyError(_("Diese Frage gibt es in der Umfrage nicht."))
    own_section = item if isinstance(item, SurveySection) else item.section
    if source.section.position >= own_section.position:
        raise SurveyError(
            _("Die Bedingung muss sich auf eine Frage einer früheren Seite beziehen.")
        )
    if not value:
        raise SurveyError(_("Bitte die Antwort wählen, bei der angezeigt wird."))


def update_section(
    section: SurveySection,
    *,
    title: str,
    description: str = "",
    condition_question_id: int | None = None,
    condition_value: str = "",
) -> None:
    title = (title or "").strip()
    if not title:
        raise SurveyError(_("Bitte einen Titel für die Seite angeben."))
    _check_condition(section.survey, section, condition_question_id, condition_value)
    section.title = title[:200]
    section.description = (description or "").strip()
    section.condition_question_id = condition_question_id or None
    section.condition_value = condition_value if condition_question_id else ""


def delete_section(section: SurveySection) -> None:
    survey = section.survey
    if section.questions:
        raise SurveyError(_("Bitte verschieben oder löschen Sie zuerst die Fragen dieser Seite."))
    if len(survey.sections) == 1:
        raise SurveyError(_("Eine Umfrage braucht mindestens eine Seite."))
    survey.sections.remove(section)
    db.session.delete(section)
    _renumber(survey.sections)


def _renumber(items) -> None:
    for position, item in enumerate(items):
        item.position = position


def move_section(section: SurveySection, step: int) -> None:
    sections = list(section.survey.sections)
    index = sections.index(section)
    other = index + step
    if 0 <= other < len(sections):
        sections[index], sections[other] = sections[other], sections[index]
        _renumber(sections)
        section.survey.sections.sort(key=lambda s: s.position)


def move_question(question: SurveyQuestion, step: int) -> None:
    """Move a question up or down; past the top or end of a page it moves to the next page."""
    section = question.section
    questions = list(section.questions)
    index = questions.index(question)
    other = index + step
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
        _renumber(questions)
        section.questions.sort(key=lambda q: q.position)
        return
    sections = section.survey.sections
    neighbour_index = sections.index(section) + step
    if not 0 <= neighbour_index < len(sections):
        return
    neighbour = sections[neighbour_index]
    section.questions.remove(question)
    if step < 0:
        neighbour.questions.append(question)
    else:
        neighbour.questions.insert(0, question)
    _renumber(section.questions)
    _renumber(neighbour.questions)


def add_question(
    section: SurveySection, question_type: QuestionType, text: str, *, required: bool = False
) -> SurveyQuestion:
    text = (text or "").strip()
    if not text:
        raise SurveyError(_("Bitte den Fragetext angeben."))
    if question_type is QuestionType.DISTRICT and any(
        q.type is QuestionType.DISTRICT for q in section.survey.ordered_questions()
    ):
        raise SurveyError(_("Eine Umfrage kann nur einmal nach dem Wohnort fragen."))
    question = SurveyQuestion(
        survey=section.survey,
        type=question_type,
        text=text,
        required=required,
        position=len(section.questions),
    )
    if question_type is QuestionType.MATRIX:
        question.scale_labels = [
            in_german(_l("trifft gar nicht zu")),
            in_german(_l("trifft eher nicht zu")),
            in_german(_l("teils, teils")),
            in_german(_l("trifft eher zu")),
            in_german(_l("trifft voll zu")),
        ]
    section.questions.append(question)
    db.session.flush()
    return question


def set_options(question: SurveyQuestion, labels: list[str]) -> None:
    """Set the options (or matrix statements); unchanged labels keep their answers."""
    labels = [label.strip()[:500] for label in labels if label.strip()]
    if len(set(labels)) != len(labels):
        raise SurveyError(_("Jede Antwortmöglichkeit bitte nur einmal eintragen."))
    if question.type.has_options and len(labels) < (
        1 if question.type is QuestionType.MATRIX else 2
    ):
        raise SurveyError(
            _("Bitte mindestens eine Aussage eintragen.")
            if question.type is QuestionType.MATRIX
            else _("Bitte mindestens zwei Antwortmöglichkeiten eintragen (eine pro Zeile).")
        )
    existing = {option.label: option for option in question.options}
    question.options = [existing.get(label) or SurveyOption(label=label) for label in labels]
    _renumber(question.options)


def update_question(
    question: SurveyQuestion,
    *,
    text: str,
    help_text: str = "",
    required: bool = False,
    allow_other: bool = False,
    options: list[str] | None = None,
    scale_min: int | None = None,
    scale_max: int | None = None,
    scale_labels: list[str] | None = None,
    number_min: float | None = None,
    number_max: float | None = None,
    field_codes: list[str] = (),
    condition_question_id: int | None = None,
    condition_value: str = "",
) -> None:
    text = (text or "").strip()
    if not text:
        raise SurveyError(_("Bitte den Fragetext angeben."))
    kind = question.type
    if kind.has_scale:
        low = question.scale_min if scale_min is None else scale_min
        high = question.scale_max if scale_max is None else scale_max
        if not (-10 <= low < high <= 10) or high - low > 10:
            raise SurveyError(_("Die Skala braucht 2 bis 11 Stufen zwischen -10 und 10."))
        question.scale_min, question.scale_max = low, high
        if scale_labels is not None:
            labels = [label.strip()[:80] for label in scale_labels]
            while labels and not labels[-1]:
                labels.pop()
            if len(labels) > high - low + 1:
                raise SurveyError(_("Es gibt mehr Beschriftungen als Stufen."))
            question.scale_labels = labels
    if kind is QuestionType.NUMBER:
        if number_min is not None and number_max is not None and number_max < number_min:
            raise SurveyError(_("Der größte Wert darf nicht kleiner als der kleinste sein."))
        question.number_min, question.number_max = number_min, number_max
    if kind.has_options and options is not None:
        set_options(question, options)
    _check_condition(question.survey, question, condition_question_id, condition_value)
    fields = {f.code: f for f in question.survey.process.fields_of_action}
    question.text = text
    question.help_text = (help_text or "").strip()
    question.required = required
    question.allow_other = allow_other and kind in (
        QuestionType.SINGLE_CHOICE,
        QuestionType.MULTIPLE_CHOICE,
    )
    question.fields_of_action = [fields[c] for c in field_codes if c in fields]
    question.condition_question_id = condition_question_id or None
    question.condition_value = condition_value if condition_question_id else ""


def delete_question(question: SurveyQuestion) -> None:
    """Delete a question, its answers and their contributions; clear conditions on it."""
    for answer_id in db.session.scalars(
        select(SurveyAnswer.id).where(
            SurveyAnswer.question_id == question.id, SurveyAnswer.value_text.is_not(None)
        )
    ):
        remove_contribution(ContributionSource.SURVEY_ANSWER, answer_id)
    survey = question.survey
    # No flush between taking the question out of its collections and deleting it: a lazy load
    # there would flush the orphan first and leave the explicit delete nothing to delete.
    with db.session.no_autoflush:
        for item in [*survey.sections, *survey.questions]:
            if item.condition_question_id == question.id:
                item.condition_question_id, item.condition_value = None, ""
        section = question.section
        section.questions.remove(question)
        survey.questions.remove(question)
        db.session.delete(question)
        _renumber(section.questions)


# --- availability and conditional display ------------------------------------------------


def closed_reason(survey: Survey, now: datetime | None = None) -> str | None:
    """Return why the survey takes no answers now (German), or None when it does."""
    now = now or utcnow()
    if survey.state is SurveyState.DRAFT:
        return _("Diese Umfrage ist noch in Vorbereitung.")
    if survey.state is SurveyState.CLOSED:
        return _("Diese Umfrage ist beendet. Vielen Dank an alle, die mitgemacht haben!")
    if survey.opens_at and now < as_aware(survey.opens_at):
        return _(
            "Diese Umfrage beginnt am %(date)s.",
            date=as_aware(survey.opens_at).strftime("%d.%m.%Y"),
        )
    if survey.closes_at and now >= as_aware(survey.closes_at):
        return _("Diese Umfrage ist beendet. Vielen Dank an alle, die mitgemacht haben!")
    return None


def is_shown(survey: Survey, item, answers: dict) -> bool:
    """Return whether a section or question is shown, given the answers so far."""
    if not item.condition_question_id:
        return True
    source = survey.question_by_id(item.condition_question_id)
    if source is None:
        return True
    return answer_matches(source, answers.get(str(source.id)), item.condition_value)


def visible_sections(survey: Survey, answers: dict) -> list[SurveySection]:
    """Return the pages a participant sees, in order (needs their earlier answers)."""
    return [s for s in survey.sections if s.questions and is_shown(survey, s, answers)]


def expected_sections(survey: Survey, answers: dict) -> list[SurveySection]:
    """Pages still to be expected (for the progress bar): undecided conditions count as shown."""
    return [
        s
        for s in survey.sections
        if s.questions
        and (is_shown(survey, s, answers) or str(s.condition_question_id) not in answers)
    ]


def visible_questions(survey: Survey, section: SurveySection, answers: dict):
    return [q for q in section.questions if is_shown(survey, q, answers)]


def survey_districts(survey: Survey) -> list:
    """The process's districts, loaded only when the survey asks for one."""
    if any(q.type is QuestionType.DISTRICT for q in survey.ordered_questions()):
        return list(survey.process.districts)
    return []


def read_page(survey: Survey, section: SurveySection, form, answers: dict):
    """Parse one page's answers: return (answers merged with this page, {qid: error})."""
    merged = dict(answers)
    errors: dict[int, str] = {}
    districts = survey_districts(survey)
    for question in section.questions:
        key = str(question.id)
        if not is_shown(survey, question, merged):
            merged.pop(key, None)
            continue
        value, error = parse_answer(question, form, districts)
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
        if error:
            errors[question.id] = error
    return merged, errors


def shown_answers(survey: Survey, answers: dict) -> dict:
    """Drop answers to questions that the answers themselves hide (conditions changed)."""
    shown: dict = {}
    for section in survey.sections:
        if not is_shown(survey, section, shown):
            continue
        for question in section.questions:
            key = str(question.id)
            if key in answers and is_shown(survey, question, shown):
                shown[key] = answers[key]
    return shown


def first_incomplete_section(survey: Survey, answers: dict) -> tuple[SurveySection, dict] | None:
    """Return the first page with a missing or no longer valid answer, with its errors."""
    districts = survey_districts(survey)
    for section in visible_sections(survey, answers):
        errors = {}
        for question in visible_questions(survey, section, answers):
            error = check_stored_answer(question, answers.get(str(question.id)), districts)
            if error:
                errors[question.id] = error
        if errors:
            return section, errors
    return None


# --- drafts ----------------------------------------------------------------------------------


def _random_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(raw: str) -> str:
    """Uppercase a typed code and drop spaces and dashes."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())[:32]


def format_code(code: str) -> str:
    """Show a code in two groups of four: "K7MX-Q2PA"."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


def find_access_code(survey: Survey, raw: str) -> SurveyAccessCode:
    """Return the unspent access code typed in, or raise SurveyError with the reason."""
    code = normalise_code(raw)
    if not code:
        raise SurveyError(_("Bitte geben Sie Ihren Zugangscode ein."))
    access = db.session.scalar(
        select(SurveyAccessCode).where(
            SurveyAccessCode.code == code, SurveyAccessCode.survey_id == survey.id
        )
    )
    if access is None:
        raise SurveyError(
            _("Diesen Zugangscode kennen wir nicht. Bitte prüfen Sie die Schreibweise.")
        )
    if access.spent_at is not None:
        raise SurveyError(
            _("Dieser Zugangscode wurde schon verwendet. Jeder Code gilt nur einmal.")
        )
    return access


def start_draft(survey: Survey, access_code: SurveyAccessCode | None = None) -> SurveyDraft:
    """Begin answering: a draft under a fresh random token; the caller commits."""
    if reason := closed_reason(survey):
        raise SurveyError(reason)
    if survey.access_mode is AccessMode.CODES and access_code is None:
        raise SurveyError(_("Für diese Umfrage brauchen Sie einen Zugangscode."))
    draft = SurveyDraft(
        survey_id=survey.id,
        token=secrets.token_urlsafe(24),
        submission_token=secrets.token_urlsafe(24),
        access_code_id=access_code.id if access_code else None,
        answers={},
        expires_at=utcnow() + DRAFT_LIFETIME,
    )
    db.session.add(draft)
    return draft


def find_draft(survey: Survey, token: str | None) -> SurveyDraft | None:
    if not token:
        return None
    draft = db.session.scalar(
        select(SurveyDraft).where(SurveyDraft.token == token, SurveyDraft.survey_id == survey.id)
    )
    if draft is None or as_aware(draft.expires_at) < utcnow():
        return None
    return draft


def save_answers(draft: SurveyDraft, answers: dict) -> None:
    """Keep answers in the draft (a new dict, so the JSON column sees the change)."""
    if draft.submitted:
        raise AlreadySubmitted
    draft.answers = dict(answers)
    draft.expires_at = utcnow() + DRAFT_LIFETIME


def create_resume_code(draft: SurveyDraft) -> str:
    """Give the draft a short code to continue later on any device; the caller commits."""
    purge_expired_drafts()
    if not draft.resume_code:
        while True:
            code = _random_code(RESUME_CODE_LENGTH)
            if (
                db.session.scalar(select(SurveyDraft.id).where(SurveyDraft.resume_code == code))
                is None
            ):
                break
        draft.resume_code = code
    draft.expires_at = utcnow() + DRAFT_LIFETIME
    return draft.resume_code


def resume_draft(survey: Survey, raw_code: str) -> SurveyDraft:
    """Find a draft by its resume code; a new cookie token is issued (the old one stops)."""
    code = normalise_code(raw_code)
    draft = (
        db.session.scalar(
            select(SurveyDraft).where(
                SurveyDraft.resume_code == code, SurveyDraft.survey_id == survey.id
            )
        )
        if code
        else None
    )
    if draft is None or as_aware(draft.expires_at) < utcnow():
        raise SurveyError(
            _("Zu diesem Code gibt es keine gespeicherten Antworten (mehr). Codes gelten 30 Tage.")
        )
    if draft.submitted:
        raise SurveyError(_("Diese Antworten wurden bereits abgeschickt. Vielen Dank!"))
    draft.token = secrets.token_urlsafe(24)
    return draft


def purge_expired_drafts() -> int:
    result = db.session.execute(delete(SurveyDraft).where(SurveyDraft.expires_at < utcnow()))
    return result.rowcount or 0


# --- responses -------------------------------------------------------------------------------


def store_response(
    survey: Survey,
    answers: dict,
    *,
    submission_token: str,
    channel: ResponseChannel = ResponseChannel.ONLINE,
    submitted_at: datetime | None = None,
) -> SurveyResponse:
    """Store a response with its answers and record every free text as a contribution.

    `answers` must be checked already. The caller commits (one transaction with the code).
    """
    answers = shown_answers(survey, answers)
    submitted_at = submitted_at or utcnow()
    district_id = None
    districts = {d.id: d for d in survey_districts(survey)}
    for question in survey.ordered_questions():
        if question.type is QuestionType.DISTRICT and answers.get(str(question.id)) in districts:
            district_id = answers[str(question.id)]
    response = SurveyResponse(
        survey_id=survey.id,
        channel=channel,
        district_id=district_id,
        submission_token=submission_token,
        submitted_at=submitted_at,
    )
    db.session.add(response)
    texts: list[SurveyAnswer] = []
    for question in survey.ordered_questions():
        value = answers.get(str(question.id))
        if value is None:
            continue
        rows = _answer_rows(question, value)
        for row in rows:
            row.question_id = question.id
            response.answers.append(row)
            if row.value_text:
                texts.append(row)
    db.session.flush()
    district = districts.get(district_id)
    for row in texts:
        record_contribution(
            survey.process,
            ContributionSource.SURVEY_ANSWER,
            row.id,
            row.value_text,
            target_group=survey.target_group,
            district=district,
            source_label=survey.title,
            created_at=submitted_at,
        )
    return response


def _answer_rows(question: SurveyQuestion, value) -> list[SurveyAnswer]:
    kind = question.type
    if kind is QuestionType.SINGLE_CHOICE:
        if value.get("choice") == OTHER:
            return [SurveyAnswer(value_text=value.get("other", ""), is_other=True)]
        return [SurveyAnswer(option_id=value["choice"])]
    if kind is QuestionType.MULTIPLE_CHOICE:
        rows = [SurveyAnswer(option_id=option_id) for option_id in value.get("choices", [])]
        if value.get("other"):
            rows.append(SurveyAnswer(value_text=value["other"], is_other=True))
        return rows
    if kind is QuestionType.YES_NO:
        return [SurveyAnswer(value_number=1.0 if value == "yes" else 0.0)]
    if kind in (QuestionType.SCALE, QuestionType.NUMBER, QuestionType.DISTRICT):
        return [SurveyAnswer(value_number=float(value))]
    if kind.is_text:
        return [SurveyAnswer(value_text=value)]
    if kind in (QuestionType.RANKING, QuestionType.MATRIX):
        return [
            SurveyAnswer(option_id=int(option_id), value_number=float(point))
            for option_id, point in value.items()
        ]
    return []


def _spend_code(access_code_id: int) -> bool:
    """Spend a code atomically: True only for the one transaction that got it first."""
    result = db.session.execute(
        update(SurveyAccessCode)
        .where(SurveyAccessCode.id == access_code_id, SurveyAccessCode.spent_at.is_(None))
        .values(spent_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def submit_draft(survey: Survey, draft: SurveyDraft, submission_token: str) -> SurveyResponse:
    """Turn a checked draft into a response, exactly once; commits.

    Raises AlreadySubmitted for a second submit of the same draft (nothing stored) and
    SurveyError for a spent code, a closed survey or a forged token (nothing stored).
    """
    if draft.submitted:
        raise AlreadySubmitted
    if not secrets.compare_digest(submission_token or "", draft.submission_token):
        raise SurveyError(
            _(
                "Dieses Formular gehört nicht zu Ihren aktuellen Antworten. "
                "Bitte prüfen Sie sie und senden Sie erneut."
            )
        )
    if _response_exists(submission_token):
        raise AlreadySubmitted
    if reason := closed_reason(survey):
        raise SurveyError(reason)
    if first_incomplete_section(survey, draft.answers) is not None:
        raise SurveyError(_("Bitte beantworten Sie zuerst alle Pflichtfragen."))
    try:
        if draft.access_code_id is not None and not _spend_code(draft.access_code_id):
            db.session.rollback()
            if _response_exists(submission_token):
                raise AlreadySubmitted
            raise SurveyError(
                _("Dieser Zugangscode wurde schon verwendet. Jeder Code gilt nur einmal.")
            )
        response = store_response(survey, draft.answers, submission_token=submission_token)
        draft.submitted = True
        draft.answers = {}  # the response keeps them; the draft only guards against repeats
        draft.resume_code = None
        db.session.commit()
    except IntegrityError:
        # The same draft was submitted in a parallel request that committed first.
        db.session.rollback()
        raise AlreadySubmitted from None
    return response


def _response_exists(submission_token: str) -> bool:
    return (
        db.session.scalar(
            select(SurveyResponse.id).where(SurveyResponse.submission_token == submission_token)
        )
        is not None
    )


def enter_paper_response(survey: Survey, answers: dict, submission_token: str) -> SurveyResponse:
    """Store a paper questionnaire typed in by staff, once per entry form; commits."""
    if _response_exists(submission_token):
        raise AlreadySubmitted
    try:
        response = store_response(
            survey, answers, submission_token=submission_token, channel=ResponseChannel.PAPER
        )
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise AlreadySubmitted from None
    return response


def delete_response(response: SurveyResponse) -> None:
    """Delete one response (e.g. a mistyped paper entry) with its contributions."""
    for answer in response.answers:
        if answer.value_text:
            remove_contribution(ContributionSource.SURVEY_ANSWER, answer.id)
    db.session.delete(response)


# --- access codes ----------------------------------------------------------------------------


def generate_access_codes(survey: Survey, count: int, label: str = "") -> list[SurveyAccessCode]:
    """Create a batch of one-time codes (e.g. 30 for a school class); the caller commits."""
    if not 1 <= count <= MAX_CODES_PER_BATCH:
        raise SurveyError(
            _("Bitte zwischen 1 und %(max)s Codes auf einmal erzeugen.", max=MAX_CODES_PER_BATCH)
        )
    taken = set(db.session.scalars(select(SurveyAccessCode.code)))
    codes = []
    label = (label or "").strip()[:120] or _(
        "Codes vom %(date)s", date=utcnow().strftime("%d.%m.%Y")
    )
    while len(codes) < count:
        code = _random_code(ACCESS_CODE_LENGTH)
        if code in taken:
            continue
        taken.add(code)
        codes.append(SurveyAccessCode(survey_id=survey.id, code=code, batch_label=label))
    db.session.add_all(codes)
    db.session.flush()
    return codes
