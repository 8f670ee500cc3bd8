"""Forms of the idea boards (participants and staff)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from participation.i18n import _l
from participation.ideas.models import (
    AUTHOR_MAX,
    COMMENT_MAX,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    BoardState,
    IdeaStatus,
    ModerationMode,
)
from participation.ideas.spam import clean_text

TOO_LONG = _l("Bitte höchstens %(max)d Zeichen.")


def options(pairs) -> list[SelectChoice]:
    """Return select options from (value, label) pairs."""
    return [SelectChoice(str(value), str(label)) for value, label in pairs]


def _author_field():
    return StringField(
        _l("Name, Organisation oder Pseudonym (freiwillig)"),
        filters=[clean_text],
        validators=[Optional(), Length(max=AUTHOR_MAX, message=TOO_LONG)],
    )


def _honeypot_field():
    # Hidden from people by CSS; bots fill it in.
    return StringField(_l("Website (bitte leer lassen)"), filters=[clean_text])


class IdeaForm(FlaskForm):
    title = StringField(
        _l("Titel Ihrer Idee"),
        filters=[clean_text],
        validators=[
            DataRequired(message=_l("Bitte geben Sie einen Titel an.")),
            Length(max=TITLE_MAX, message=TOO_LONG),
        ],
    )
    text = TextAreaField(
        _l("Beschreibung"),
        filters=[clean_text],
        validators=[
            DataRequired(message=_l("Bitte beschreiben Sie Ihre Idee.")),
            Length(max=TEXT_MAX, message=TOO_LONG),
        ],
    )
    district = SelectField(_l("Ort"), default="", validate_choice=True)
    field_of_action = SelectField(_l("Handlungsfeld"), default="", validate_choice=True)
    target_group = SelectField(_l("Ich schreibe als"), default="", validate_choice=True)
    author_name = _author_field()
    website = _honeypot_field()
    form_token = HiddenField()


class CommentForm(FlaskForm):
    text = TextAreaField(
        _l("Ihr Kommentar"),
        filters=[clean_text],
        validators=[
            DataRequired(message=_l("Bitte schreiben Sie einen Kommentar.")),
            Length(max=COMMENT_MAX, message=TOO_LONG),
        ],
    )
    author_name = _author_field()
    target_group = SelectField(_l("Ich schreibe als"), default="", validate_choice=True)
    parent_id = HiddenField()
    website = _honeypot_field()
    form_token = HiddenField()


class ReportForm(FlaskForm):
    reason = TextAreaField(
        _l("Warum melden Sie diesen Beitrag?"),
        filters=[clean_text],
        validators=[
            DataRequired(message=_l("Bitte nennen Sie kurz den Grund Ihrer Meldung.")),
            Length(max=REASON_MAX, message=TOO_LONG),
        ],
    )
    website = _honeypot_field()


class BoardForm(FlaskForm):
    title = StringField(
        _l("Titel der Ideenbörse"),
        filters=[clean_text],
        validators=[
            DataRequired(message=_l("Bitte einen Titel angeben.")),
            Length(max=200, message=TOO_LONG),
        ],
    )
    description = TextAreaField(
        _l("Beschreibung"),
        filters=[clean_text],
        validators=[Optional(), Length(max=5000, message=TOO_LONG)],
    )
    state = SelectField(_l("Zustand"), validate_choice=True)
    moderation = SelectField(_l("Moderation"), validate_choice=True)
    field_of_action = SelectField(
        _l("Nur ein Handlungsfeld (freiwillig)"), default="", validate_choice=True
    )
    district = SelectField(_l("Nur ein Ort (freiwillig)"), default="", validate_choice=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Lazy titles are resolved at request time, in the reader's language.
        self.state.choices = options((s.value, s.title) for s in BoardState)
        self.moderation.choices = options((m.value, m.title) for m in ModerationMode)


class StatusForm(FlaskForm):
    status = SelectField(_l("Status"), validate_choice=True)
    answer = TextAreaField(
        _l("Öffentliche Antwort"),
        filters=[clean_text],
        validators=[Optional(), Length(max=TEXT_MAX, message=TOO_LONG)],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = options((s.value, s.title) for s in IdeaStatus)


class HideForm(FlaskForm):
    reason = TextAreaField(
        _l("Grund (wird öffentlich anstelle des Textes gezeigt)"),
        filters=[clean_text],
        validators=[
            DataRequired(message=_l("Bitte geben Sie einen Grund an.")),
            Length(max=REASON_MAX, message=TOO_LONG),
        ],
    )


class MergeForm(FlaskForm):
    into = SelectField(_l("Zusammenführen mit"), validate_choice=True)
