"""Reading, checking and showing answers; pure functions on questions and plain values.

A draft keeps answers as JSON under the question id (as a string):
single choice {"choice": option_id | "other", "other": text}; multiple choice
{"choices": [option_id, ...], "other": text}; yes/no "yes" | "no"; scale and district an int;
number an int or float; texts a str; ranking {option_id: rank}; matrix {statement_id: point}.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from participation.i18n import _
from participation.surveys.models import QuestionType, SurveyQuestion

MAX_TEXT_LENGTH = 5000
OTHER = "other"


def clean_text(value: str | None) -> str:
    """Strip, normalise line ends and drop NUL characters (PostgreSQL refuses them)."""
    return (value or "").replace("\x00", "").replace("\r\n", "\n").strip()


def _int(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def parse_number(raw: str) -> float | int | None:
    """Parse a number typed the German or the English way ("2,5", "2.5", "1.000,5")."""
    text = clean_text(raw).replace(" ", "").replace("\u202f", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    if not math.isfinite(number):
        return None
    return int(number) if number.is_integer() and abs(number) < 1e15 else number


def format_number(value) -> str:
    """Show a number the German way: 2,5 and 1000."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return str(int(value))


def _text_error(text: str) -> str | None:
    if len(text) > MAX_TEXT_LENGTH:
        return _(
            "Ihr Text ist zu lang: höchstens %(max)s Zeichen, jetzt sind es %(n)s.",
            max="5.000",
            n=f"{len(text):,}".replace(",", "."),
        )
    return None


def parse_answer(question: SurveyQuestion, form, districts=()) -> tuple[object, str | None]:
    """Return (value or None, German error or None) for one question from posted form data."""
    name = f"q{question.id}"
    kind = question.type
    invalid_choice = _(
        "Diese Auswahl gibt es nicht. Bitte wählen Sie eine der angebotenen Antworten."
    )
    value: object = None

    if kind is QuestionType.SINGLE_CHOICE:
        raw = clean_text(form.get(name))
        other = clean_text(form.get(f"{name}_other"))
        if raw == OTHER and question.allow_other:
            if not other:
                return {"choice": OTHER, "other": ""}, _(
                    "Bitte beschreiben Sie, was Sie mit „Sonstiges“ meinen."
                )
            if error := _text_error(other):
                return {"choice": OTHER, "other": other}, error
            value = {"choice": OTHER, "other": other}
        elif raw:
            option_id = _int(raw)
            if option_id is None or question.option_by_id(option_id) is None:
                return None, invalid_choice
            value = {"choice": option_id}
        elif other and question.allow_other:
            if error := _text_error(other):
                return {"choice": OTHER, "other": other}, error
            value = {"choice": OTHER, "other": other}

    elif kind is QuestionType.MULTIPLE_CHOICE:
        raws = [clean_text(v) for v in form.getlist(name) if clean_text(v)]
        other = clean_text(form.get(f"{name}_other"))
        choices: list[int] = []
        wants_other = False
        for raw in raws:
            if raw == OTHER and question.allow_other:
                wants_other = True
                continue
            option_id = _int(raw)
            if option_id is None or question.option_by_id(option_id) is None:
                return None, invalid_choice
            if option_id not in choices:
                choices.append(option_id)
        if other and not question.allow_other:
            other = ""
        if choices or wants_other or other:
            value = {"choices": choices}
            if wants_other or other:
                value["other"] = other
                if not other:
                    return value, _("Bitte beschreiben Sie, was Sie mit „Sonstiges“ meinen.")
                if error := _text_error(other):
                    return value, error

    elif kind is QuestionType.YES_NO:
        raw = clean_text(form.get(name))
        if raw:
            if raw not in ("yes", "no"):
                return None, invalid_choice
            value = raw

    elif kind is QuestionType.SCALE:
        raw = clean_text(form.get(name))
        if raw:
            point = _int(raw)
            if point is None or not question.scale_min <= point <= question.scale_max:
                return None, _scale_error(question)
            value = point

    elif kind is QuestionType.NUMBER:
        raw = clean_text(form.get(name))
        if raw:
            number = parse_number(raw)
            if number is None:
                return None, _("Bitte geben Sie eine Zahl ein, zum Beispiel 3 oder 2,5.")
            low, high = question.number_min, question.number_max
            if (low is not None and number < low) or (high is not None and number > high):
                return None, _number_range_error(low, high)
            value = number

    elif kind.is_text:
        text = clean_text(form.get(name))
        if text:
            if error := _text_error(text):
                return text, error
            value = text

    elif kind is QuestionType.RANKING:
        ranks: dict[str, int] = {}
        for option in question.options:
            raw = clean_text(form.get(f"{name}_{option.id}"))
            if not raw:
                continue
            rank = _int(raw)
            if rank is None or not 1 <= rank <= len(question.options):
                return None, _("Bitte vergeben Sie Ränge von 1 bis %(n)s.", n=len(question.options))
            ranks[str(option.id)] = rank
        if len(set(ranks.values())) != len(ranks):
            return ranks, _("Jeden Rang bitte nur einmal vergeben.")
        if ranks:
            value = ranks
            if question.required and len(ranks) < len(question.options):
                return value, _("Bitte bringen Sie alle Punkte in eine Reihenfolge.")

    elif kind is QuestionType.MATRIX:
        rows: dict[str, int] = {}
        for row in question.options:
            raw = clean_text(form.get(f"{name}_{row.id}"))
            if not raw:
                continue
            point = _int(raw)
            if point is None or not question.scale_min <= point <= question.scale_max:
                return None, _scale_error(question)
            rows[str(row.id)] = point
        if rows:
            value = rows
            if question.required and len(rows) < len(question.options):
                return value, _("Bitte bewerten Sie jede Aussage.")

    elif kind is QuestionType.DISTRICT:
        raw = clean_text(form.get(name))
        if raw:
            district_id = _int(raw)
            if district_id is None or district_id not in {d.id for d in districts}:
                return None, invalid_choice
            value = district_id

    if value is None and question.required:
        return None, _("Bitte beantworten Sie diese Frage.")
    return value, None


def _scale_error(question: SurveyQuestion) -> str:
    return _(
        "Bitte wählen Sie einen Wert von %(min)s bis %(max)s.",
        min=question.scale_min,
        max=question.scale_max,
    )


def _number_range_error(low, high) -> str:
    if low is not None and high is not None:
        return _(
            "Bitte geben Sie eine Zahl von %(min)s bis %(max)s ein.",
            min=format_number(low),
            max=format_number(high),
        )
    if low is not None:
        return _("Bitte geben Sie eine Zahl ab %(min)s ein.", min=format_number(low))
    return _("Bitte geben Sie eine Zahl bis %(max)s ein.", max=format_number(high))


def check_stored_answer(question: SurveyQuestion, value, districts=()) -> str | None:
    """Re-check a value kept in a draft (the survey may have changed since): error or None."""
    if value is None:
        return _("Bitte beantworten Sie diese Frage.") if question.required else None
    return parse_answer(question, answer_to_form(question, value), districts)[1]


class _Form(dict):
    """The small part of a MultiDict that parse_answer uses."""

    def getlist(self, key):
        value = self.get(key)
        if value is None:
            return []
        return list(value) if isinstance(value, list) else [value]


def answer_to_form(question: SurveyQuestion, value) -> _Form:
    """Return the form data that would produce `value` (to fill in inputs and re-check)."""
    name = f"q{question.id}"
    form = _Form()
    if value is None:
        return form
    kind = question.type
    if kind is QuestionType.SINGLE_CHOICE:
        form[name] = str(value.get("choice", ""))
        if "other" in value:
            form[f"{name}_other"] = value["other"]
    elif kind is QuestionType.MULTIPLE_CHOICE:
        form[name] = [str(c) for c in value.get("choices", [])]
        if "other" in value:
            form[name].append(OTHER)
            form[f"{name}_other"] = value["other"]
    elif kind in (QuestionType.RANKING, QuestionType.MATRIX):
        for key, point in value.items():
            form[f"{name}_{key}"] = str(point)
    elif kind is QuestionType.NUMBER:
        form[name] = format_number(value)
    else:
        form[name] = str(value)
    return form


def answer_matches(question: SurveyQuestion | None, value, expected: str) -> bool:
    """Return whether an answer fulfils a display condition."""
    if question is None or value is None:
        return False
    if question.type is QuestionType.SINGLE_CHOICE:
        return str(value.get("choice")) == expected
    if question.type is QuestionType.MULTIPLE_CHOICE:
        chosen = [str(c) for c in value.get("choices", [])]
        if "other" in value:
            chosen.append(OTHER)
        return expected in chosen
    if question.type is QuestionType.NUMBER:
        return format_number(value) == expected
    return str(value) == expected


def condition_choices(question: SurveyQuestion, districts=()) -> list[tuple[str, str]]:
    """Return (value, label) pairs a display condition on `question` may test for."""
    kind = question.type
    if kind in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        choices = [(str(o.id), o.label) for o in question.options]
        if question.allow_other:
            choices.append((OTHER, _("Sonstiges")))
        return choices
    if kind is QuestionType.YES_NO:
        return [("yes", _("Ja")), ("no", _("Nein"))]
    if kind is QuestionType.SCALE:
        return [(str(v), f"{v} {label}".strip()) for v, label in question.scale_points()]
    if kind is QuestionType.DISTRICT:
        return [(str(d.id), d.name) for d in districts]
    return []


def answer_labels(question: SurveyQuestion, value, districts=(), text=None) -> list[str]:
    """Return the answer as readable lines (review page, exports).

    `text(option)` gives an option's label (the review page shows the participant's language).
    """
    if value is None:
        return []
    text = text or (lambda option: option.label)
    kind = question.type
    if kind is QuestionType.SINGLE_CHOICE:
        if value.get("choice") == OTHER:
            return [_("Sonstiges: %(text)s", text=value.get("other", ""))]
        option = question.option_by_id(value.get("choice"))
        return [text(option)] if option else []
    if kind is QuestionType.MULTIPLE_CHOICE:
        labels = [text(o) for o in question.options if o.id in set(value.get("choices", []))]
        if value.get("other"):
            labels.append(_("Sonstiges: %(text)s", text=value["other"]))
        return labels
    if kind is QuestionType.YES_NO:
        return [_("Ja") if value == "yes" else _("Nein")]
    if kind is QuestionType.SCALE:
        return [scale_label(question, value)]
    if kind is QuestionType.NUMBER:
        return [format_number(value)]
    if kind.is_text:
        return [value]
    if kind is QuestionType.RANKING:
        ordered = sorted(
            (rank, text(o)) for o in question.options if (rank := value.get(str(o.id)))
        )
        return [f"{rank}. {label}" for rank, label in ordered]
    if kind is QuestionType.MATRIX:
        return [
            f"{text(row)}: {scale_label(question, value[str(row.id)])}"
            for row in question.options
            if str(row.id) in value
        ]
    if kind is QuestionType.DISTRICT:
        return [d.name for d in districts if d.id == value]
    return []


def scale_label(question: SurveyQuestion, point) -> str:
    """Return "4 – stimme eher zu" (or just "4" when the point has no label)."""
    label = dict(question.scale_points()).get(int(point), "")
    return f"{int(point)} – {label}" if label else str(int(point))


def local_datetime(moment: datetime | None) -> str:
    """Show a stored moment in the app's time zone: "24.11.2026 18:05"."""
    from flask import current_app

    if moment is None:
        return ""
    if moment.tzinfo is None:  # SQLite gives naive UTC back
        moment = moment.replace(tzinfo=UTC)
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    return moment.astimezone(zone).strftime("%d.%m.%Y %H:%M")
