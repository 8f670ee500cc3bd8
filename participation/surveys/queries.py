"""Read surveys and their results (with small-cell suppression for breakdowns)."""

from __future__ import annotations

import statistics as stats
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from participation.extensions import db
from participation.i18n import _
from participation.processes.models import Process
from participation.statistics import display_count, suppress
from participation.surveys.answers import format_number, scale_label
from participation.surveys.models import (
    QuestionType,
    ResponseChannel,
    Survey,
    SurveyAccessCode,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    SurveyState,
)
from participation.surveys.operations import closed_reason
from participation.surveys.structure import structure_query


def get_survey(process: Process, survey_id: int) -> Survey:
    """Return the process's survey with pages, questions and options, or 404."""
    survey = db.session.scalar(
        structure_query().where(Survey.id == survey_id, Survey.process_id == process.id)
    )
    if survey is None:
        abort(404)
    return survey


def surveys_of(process: Process) -> list[Survey]:
    return list(
        db.session.scalars(
            select(Survey)
            .where(Survey.process_id == process.id)
            .order_by(Survey.created_at, Survey.id)
        )
    )


def open_surveys(process: Process) -> list[Survey]:
    """Surveys participants can answer now (state open and within their dates)."""
    candidates = db.session.scalars(
        select(Survey)
        .where(Survey.process_id == process.id, Survey.state == SurveyState.OPEN)
        .order_by(Survey.created_at, Survey.id)
    )
    return [s for s in candidates if closed_reason(s) is None]


def response_counts(process: Process) -> dict[int, int]:
    """Return {survey id: number of responses} for a process."""
    rows = db.session.execute(
        select(SurveyResponse.survey_id, func.count())
        .join(Survey)
        .where(Survey.process_id == process.id)
        .group_by(SurveyResponse.survey_id)
    )
    return dict(rows.all())


def code_batches(survey: Survey) -> list[dict]:
    """Return the access-code batches of a survey with how many codes are spent."""
    rows = db.session.execute(
        select(
            SurveyAccessCode.batch_label,
            func.count(),
            func.count(SurveyAccessCode.spent_at),
            func.min(SurveyAccessCode.created_at),
        )
        .where(SurveyAccessCode.survey_id == survey.id)
        .group_by(SurveyAccessCode.batch_label)
        .order_by(func.min(SurveyAccessCode.created_at))
    )
    return [
        {"label": label, "total": total, "spent": spent, "created_at": created}
        for label, total, spent, created in rows
    ]


def batch_codes(survey: Survey, label: str) -> list[SurveyAccessCode]:
    return list(
        db.session.scalars(
            select(SurveyAccessCode)
            .where(SurveyAccessCode.survey_id == survey.id, SurveyAccessCode.batch_label == label)
            .order_by(SurveyAccessCode.id)
        )
    )


# --- results ---------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    """What the results page shows for one question."""

    question: SurveyQuestion
    answered: int = 0
    rows: list[tuple[str, int]] = field(default_factory=list)  # label, count (charts)
    texts: list[str] = field(default_factory=list)  # free texts and "other" texts
    summary: list[tuple[str, str]] = field(default_factory=list)  # label, value (mean, ...)
    matrix: list[tuple[str, list[int], str]] = field(default_factory=list)  # row, counts, mean
    by_district: list[tuple[str, list[str]]] = field(default_factory=list)  # label, cells


def _responses_select(survey: Survey, district_id: int | None):
    query = select(SurveyResponse.id).where(SurveyResponse.survey_id == survey.id)
    if district_id is not None:
        query = query.where(SurveyResponse.district_id == district_id)
    return query


def count_responses(survey: Survey, district_id: int | None = None) -> int:
    return db.session.scalar(
        select(func.count()).select_from(_responses_select(survey, district_id).subquery())
    )


def responses_per_day(survey: Survey, district_id: int | None = None) -> list[tuple[date, int]]:
    times = db.session.scalars(
        select(SurveyResponse.submitted_at).where(
            SurveyResponse.id.in_(_responses_select(survey, district_id))
        )
    )
    counts = Counter(moment.date() for moment in times)
    return sorted(counts.items())


def channel_counts(survey: Survey) -> dict[ResponseChannel, int]:
    rows = db.session.execute(
        select(SurveyResponse.channel, func.count())
        .where(SurveyResponse.survey_id == survey.id)
        .group_by(SurveyResponse.channel)
    )
    return dict(rows.all())


def question_results(
    survey: Survey, district_id: int | None = None, questions=None
) -> list[QuestionResult]:
    """Aggregate every question's answers (optionally of one district) in one query."""
    questions = questions if questions is not None else survey.ordered_questions()
    rows = db.session.execute(
        select(
            SurveyAnswer.question_id,
            SurveyAnswer.response_id,
            SurveyAnswer.option_id,
            SurveyAnswer.value_number,
            SurveyAnswer.value_text,
            SurveyResponse.district_id,
        )
        .join(SurveyResponse)
        .where(SurveyResponse.id.in_(_responses_select(survey, district_id)))
        .order_by(SurveyResponse.submitted_at, SurveyAnswer.id)
    ).all()
    by_question = defaultdict(list)
    for row in rows:
        by_question[row.question_id].append(row)
    districts = survey.process.districts
    return [_result(q, by_question[q.id], districts) for q in questions]


def _result(question: SurveyQuestion, rows, districts) -> QuestionResult:
    result = QuestionResult(question=question, answered=len({r.response_id for r in rows}))
    kind = question.type
    if kind in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        counts = Counter(r.option_id for r in rows if r.option_id is not None)
        result.rows = [(o.label, counts[o.id]) for o in question.options]
        others = [r.value_text for r in rows if r.option_id is None and r.value_text]
        if question.allow_other:
            result.rows.append((_("Sonstiges"), len(others)))
        result.texts = others
        result.by_district = _district_table(
            [
                (o.label, {r.response_id for r in rows if r.option_id == o.id})
                for o in question.options
            ],
            rows,
            districts,
        )
    elif kind is QuestionType.YES_NO:
        yes = {r.response_id for r in rows if r.value_number == 1}
        no = {r.response_id for r in rows if r.value_number == 0}
        labels = (_("Ja"), _("Nein"))
        result.rows = [(labels[0], len(yes)), (labels[1], len(no))]
        result.by_district = _district_table(
            list(zip(labels, (yes, no), strict=True)), rows, districts
        )
    elif kind is QuestionType.SCALE:
        points = question.scale_points()
        counts = Counter(int(r.value_number) for r in rows if r.value_number is not None)
        result.rows = [(scale_label(question, v), counts[v]) for v, _label in points]
        values = [r.value_number for r in rows if r.value_number is not None]
        if values:
            result.summary = [(_("Mittelwert"), format_number(round(stats.fmean(values), 2)))]
        result.by_district = _district_table(
            [
                (scale_label(question, v), {r.response_id for r in rows if r.value_number == v})
                for v, _label in points
            ],
            rows,
            districts,
        )
    elif kind is QuestionType.NUMBER:
        values = sorted(r.value_number for r in rows if r.value_number is not None)
        if values:
            result.summary = _number_summary(values)
            result.rows = _number_histogram(values)
    elif kind.is_text:
        result.texts = [r.value_text for r in rows if r.value_text]
    elif kind is QuestionType.RANKING:
        for option in question.options:
            ranks = [r.value_number for r in rows if r.option_id == option.id]
            first = sum(1 for rank in ranks if rank == 1)
            result.rows.append((option.label, first))
            if ranks:
                result.summary.append((option.label, format_number(round(stats.fmean(ranks), 2))))
    elif kind is QuestionType.MATRIX:
        points = [v for v, _label in question.scale_points()]
        for statement in question.options:
            values = [int(r.value_number) for r in rows if r.option_id == statement.id]
            counts = Counter(values)
            mean = format_number(round(stats.fmean(values), 2)) if values else ""
            result.matrix.append((statement.label, [counts[p] for p in points], mean))
            result.rows.append((statement.label, round(stats.fmean(values), 2) if values else 0))
    elif kind is QuestionType.DISTRICT:
        counts = Counter(int(r.value_number) for r in rows if r.value_number is not None)
        result.rows = [(d.name, counts[d.id]) for d in districts]
    return result


def _district_table(groups, rows, districts) -> list[tuple[str, list[str]]]:
    """Rows of (answer, [cell per district]); cells with 1-4 responses show "<5"."""
    if not districts or not any(r.district_id for r in rows):
        return []
    district_of = {r.response_id: r.district_id for r in rows}
    table = []
    for label, response_ids in groups:
        cells = []
        for district in districts:
            count = sum(1 for rid in response_ids if district_of.get(rid) == district.id)
            cells.append(display_count(count))
        table.append((label, cells))
    return table


def _number_summary(values: list[float]) -> list[tuple[str, str]]:
    return [
        (_("Mittelwert"), format_number(round(stats.fmean(values), 2))),
        (_("Median"), format_number(stats.median(values))),
        (_("Kleinster Wert"), format_number(values[0])),
        (_("Größter Wert"), format_number(values[-1])),
    ]


def _number_histogram(values: list[float]) -> list[tuple[str, int]]:
    """Group numbers into at most 8 ranges for the chart."""
    counts = Counter(values)
    if len(counts) <= 8:
        return [(format_number(v), c) for v, c in sorted(counts.items())]
    low, high = values[0], values[-1]
    width = (high - low) / 8 or 1
    bins = Counter(min(int((v - low) / width), 7) for v in values)
    return [
        (
            f"{format_number(round(low + i * width, 1))}–{format_number(round(low + (i + 1) * width, 1))}",
            bins[i],
        )
        for i in range(8)
    ]


def district_counts(survey: Survey) -> list[tuple[str, str]]:
    """Return (district, displayed count) of responses, small cells suppressed."""
    rows = dict(
        db.session.execute(
            select(SurveyResponse.district_id, func.count())
            .where(SurveyResponse.survey_id == survey.id)
            .group_by(SurveyResponse.district_id)
        ).all()
    )
    return [(d.name, display_count(rows.get(d.id, 0))) for d in survey.process.districts]


def target_group_counts(process: Process) -> list[tuple[str, str, int | None]]:
    """Return (target group, displayed count, raw count or None if suppressed) for a process."""
    rows = dict(
        db.session.execute(
            select(Survey.target_group_id, func.count(SurveyResponse.id))
            .join(SurveyResponse, SurveyResponse.survey_id == Survey.id)
            .where(Survey.process_id == process.id)
            .group_by(Survey.target_group_id)
        ).all()
    )
    return [
        (g.name, display_count(rows.get(g.id, 0)), suppress(rows.get(g.id, 0)))
        for g in process.target_groups
    ]


def questions_by_field(process: Process) -> list[tuple[object, list[SurveyQuestion]]]:
    """Return each field of action with the survey questions tagged with it."""
    questions = db.session.scalars(
        select(SurveyQuestion)
        .join(Survey, SurveyQuestion.survey_id == Survey.id)
        .where(Survey.process_id == process.id)
        .options(selectinload(SurveyQuestion.fields_of_action), selectinload(SurveyQuestion.survey))
        .order_by(Survey.id, SurveyQuestion.id)
    ).all()
    return [
        (f, [q for q in questions if f in q.fields_of_action]) for f in process.fields_of_action
    ]


def results_for_field(process: Process, field_code: str) -> list[dict]:
    """Return the closed questions tagged with a field and their answer counts (for handouts).

    Each item: {"survey", "question", "answered", "answers": [(label, count), ...]}.
    """
    results = []
    for field_of_action, questions in questions_by_field(process):
        if field_of_action.code != field_code:
            continue
        by_survey = defaultdict(list)
        for question in questions:
            if not question.type.is_text:
                by_survey[question.survey].append(question)
        for survey, tagged in by_survey.items():
            for result in question_results(survey, questions=tagged):
                if result.rows and result.answered:
                    results.append(
                        {
                            "survey": survey.title,
                            "question": result.question.text,
                            "answered": result.answered,
                            "answers": list(result.rows),
                        }
                    )
    return results
