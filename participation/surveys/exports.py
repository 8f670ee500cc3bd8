"""Exports of a survey's responses: one row per response, one column per question.

CSV is UTF-8 with BOM and ";" (German Excel opens it correctly); XLSX via openpyxl. Texts and
labels are exported, never ids. Cells that a spreadsheet would run as a formula are defused.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from participation.extensions import db
from participation.i18n import _
from participation.surveys.answers import OTHER, answer_labels, local_datetime
from participation.surveys.models import (
    QuestionType,
    Survey,
    SurveyQuestion,
    SurveyResponse,
)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _defuse(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def stored_value(question: SurveyQuestion, rows):
    """Rebuild the draft-shaped value of one question from its stored answer rows."""
    if not rows:
        return None
    kind = question.type
    if kind is QuestionType.SINGLE_CHOICE:
        row = rows[0]
        if row.is_other:
            return {"choice": OTHER, "other": row.value_text or ""}
        return {"choice": row.option_id}
    if kind is QuestionType.MULTIPLE_CHOICE:
        value = {"choices": [r.option_id for r in rows if r.option_id is not None]}
        others = [r.value_text for r in rows if r.is_other]
        if others:
            value["other"] = others[0]
        return value
    if kind is QuestionType.YES_NO:
        return "yes" if rows[0].value_number == 1 else "no"
    if kind in (QuestionType.SCALE, QuestionType.DISTRICT):
        return int(rows[0].value_number)
    if kind is QuestionType.NUMBER:
        number = rows[0].value_number
        return int(number) if number.is_integer() else number
    if kind.is_text:
        return rows[0].value_text
    return {str(r.option_id): int(r.value_number) for r in rows if r.option_id is not None}


def _columns(survey: Survey) -> list[tuple[str, SurveyQuestion, object]]:
    """(header, question, part) for every column after the fixed ones."""
    columns = []
    for question in survey.ordered_questions():
        if question.type is QuestionType.MATRIX:
            columns += [
                (f"{question.text} – {row.label}", question, row) for row in question.options
            ]
            continue
        columns.append((question.text, question, None))
        if question.allow_other:
            columns.append(
                (_("%(question)s – Sonstiges (Freitext)", question=question.text), question, OTHER)
            )
    return columns


def _cell(question: SurveyQuestion, value, part, districts):
    if value is None:
        return ""
    kind = question.type
    if part == OTHER:
        return value.get("other", "")
    if kind is QuestionType.SINGLE_CHOICE:
        return _("Sonstiges") if value.get("choice") == OTHER else answer_labels(question, value)[0]
    if kind is QuestionType.MULTIPLE_CHOICE:
        labels = [o.label for o in question.options if o.id in set(value.get("choices", []))]
        if "other" in value:
            labels.append(_("Sonstiges"))
        return "; ".join(labels)
    if kind is QuestionType.MATRIX:
        return value.get(str(part.id), "")
    if kind in (QuestionType.SCALE, QuestionType.NUMBER):
        return value
    return "; ".join(answer_labels(question, value, districts))


def export_table(survey: Survey) -> tuple[list[str], list[list]]:
    """Return the header and the rows of the export."""
    columns = _columns(survey)
    header = [_("Nr."), _("Eingegangen am"), _("Kanal"), _("Zielgruppe")]
    header += [title for title, _q, _part in columns]
    responses = db.session.scalars(
        select(SurveyResponse)
        .where(SurveyResponse.survey_id == survey.id)
        .options(selectinload(SurveyResponse.answers))
        .order_by(SurveyResponse.submitted_at, SurveyResponse.id)
    )
    districts = survey.process.districts
    group = survey.target_group.name if survey.target_group else ""
    table = []
    for number, response in enumerate(responses, start=1):
        by_question = defaultdict(list)
        for answer in sorted(response.answers, key=lambda a: a.id):
            by_question[answer.question_id].append(answer)
        values = {q.id: stored_value(q, by_question.get(q.id)) for q in survey.questions}
        row = [
            number,
            local_datetime(response.submitted_at),
            response.channel.title,
            group,
        ]
        row += [_cell(q, values[q.id], part, districts) for _t, q, part in columns]
        table.append(row)
    return header, table


def export_csv(survey: Survey) -> bytes:
    header, rows = export_table(survey)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([_defuse(h) for h in header])
    for row in rows:
        writer.writerow([_defuse(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(survey: Survey) -> bytes:
    header, rows = export_table(survey)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Antworten")
    sheet.append([_defuse(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_defuse(v) for v in row])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
