"""Forms of the workshop board: corrections, sub-topic changes, starting a run."""

from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, widgets
from wtforms.validators import DataRequired, Length

from participation.i18n import _l


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class EmptyForm(FlaskForm):
    """A form without fields: only the CSRF token (confirm, pin, start a run)."""


class FieldForm(FlaskForm):
    field_code = SelectField(_l("Handlungsfeld"), validate_choice=True)


class ThemesForm(FlaskForm):
    themes = MultiCheckboxField(_l("Querschnittsthemen"), validate_choice=True)


class MoveForm(FlaskForm):
    subtopic = SelectField(_l("Unterthema"), validate_choice=True, coerce=int)


class SubtopicNameForm(FlaskForm):
    name = StringField(_l("Name des Unterthemas"), validators=[DataRequired(), Length(max=200)])


class MergeForm(FlaskForm):
    source = SelectField(_l("Dieses Unterthema hineinnehmen"), validate_choice=True, coerce=int)


class SplitForm(FlaskForm):
    name = StringField(
        _l("Name des neuen Unterthemas"), validators=[DataRequired(), Length(max=200)]
    )
    assignments = SelectMultipleField(_l("Beiträge"), coerce=int, validate_choice=False)
