"""Forms of the survey editor (staff). Participant answers are read in answers.parse_answer."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from participation.i18n import _l
from participation.surveys.models import AccessMode, QuestionType, SurveyState


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ConfirmForm(FlaskForm):
    """An empty form for POST buttons (CSRF only)."""


class SurveyCreateForm(FlaskForm):
    title = StringField(_l("Titel"), validators=[DataRequired(), Length(max=200)])
    target_group = SelectField(_l("Zielgruppe"), coerce=str, validate_choice=True)


class SurveySettingsForm(FlaskForm):
    title = StringField(_l("Titel"), validators=[DataRequired(), Length(max=200)])
    target_group = SelectField(_l("Zielgruppe"), coerce=str, validate_choice=True)
    intro = TextAreaField(_l("Einleitung"), validators=[Optional(), Length(max=5000)])
    thanks_text = TextAreaField(
        _l("Text auf der Dankeseite: Wie geht es weiter?"),
        validators=[Optional(), Length(max=5000)],
    )
    consent_text = TextAreaField(
        _l("Einwilligungstext (nur wenn die Umfrage personenbezogene Daten erfragt)"),
        validators=[Optional(), Length(max=5000)],
    )
    state = SelectField(_l("Status"), coerce=str, validate_choice=True)
    access_mode = SelectField(_l("Zugang"), coerce=str, validate_choice=True)
    opens_on = DateField(_l("Beginnt am"), validators=[Optional()])
    closes_on = DateField(_l("Endet am (letzter Tag)"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Choice labels are lazy strings; build them per request in the current language.
        self.state.choices = [(s.value, s.title) for s in SurveyState]
        self.access_mode.choices = [(m.value, m.title) for m in AccessMode]


class NewSectionForm(FlaskForm):
    title = StringField(_l("Titel der Seite"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Text zur Seite"), validators=[Optional(), Length(max=5000)])


class SectionForm(NewSectionForm):
    condition = SelectField(_l("Nur anzeigen, wenn"), coerce=str, validate_choice=True)


class QuestionAddForm(FlaskForm):
    type = SelectField(_l("Fragetyp"), coerce=str, validate_choice=True)
    text = StringField(_l("Fragetext"), validators=[DataRequired(), Length(max=2000)])
    required = BooleanField(_l("Pflichtfrage"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.type.choices = [(t.value, t.title) for t in QuestionType]


class QuestionForm(FlaskForm):
    text = TextAreaField(_l("Fragetext"), validators=[DataRequired(), Length(max=2000)])
    help_text = TextAreaField(_l("Hilfetext"), validators=[Optional(), Length(max=2000)])
    required = BooleanField(_l("Pflichtfrage"))
    allow_other = BooleanField(_l("„Sonstiges“ mit Freitext anbieten"))
    options = TextAreaField(
        _l("Antwortmöglichkeiten (eine pro Zeile)"), validators=[Optional(), Length(max=20000)]
    )
    scale_min = IntegerField(_l("Skala von"), validators=[Optional(), NumberRange(min=-10, max=10)])
    scale_max = IntegerField(_l("Skala bis"), validators=[Optional(), NumberRange(min=-10, max=10)])
    scale_labels = TextAreaField(
        _l("Beschriftung der Stufen (eine pro Zeile, von unten nach oben; leer lassen erlaubt)"),
        validators=[Optional(), Length(max=2000)],
    )
    number_min = FloatField(_l("Kleinster erlaubter Wert"), validators=[Optional()])
    number_max = FloatField(_l("Größter erlaubter Wert"), validators=[Optional()])
    fields = MultiCheckboxField(_l("Handlungsfelder"), coerce=str, validate_choice=True)
    condition = SelectField(_l("Nur anzeigen, wenn"), coerce=str, validate_choice=True)


class AccessCodeForm(FlaskForm):
    count = IntegerField(
        _l("Anzahl Codes"),
        validators=[InputRequired(), NumberRange(min=1, max=500)],
        default=30,
    )
    label = StringField(
        _l("Bezeichnung (z. B. Klasse 8b Realschule)"), validators=[Optional(), Length(max=120)]
    )
