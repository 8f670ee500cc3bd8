"""Forms for creating and configuring processes."""

from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from participation.i18n import _l


class ProcessCreateForm(FlaskForm):
    municipality = StringField(
        _l("Kommune oder Kreis"), validators=[DataRequired(), Length(max=200)]
    )
    name = StringField(_l("Name des Verfahrens"), validators=[DataRequired(), Length(max=200)])
    audit_type = SelectField(_l("Auditart"), validate_choice=True)
    predecessor = SelectField(_l("Re-Zertifizierung von"), validate_choice=True)
    districts = TextAreaField(
        _l("Stadtteile, Ortsteile oder Mitgliedsgemeinden (eine Zeile je Eintrag)"),
        validators=[Optional(), Length(max=5000)],
    )


class PhaseForm(FlaskForm):
    phase = SelectField(_l("Aktuelle Phase"), validate_choice=True)
    starts_on = DateField(_l("Beteiligungsphase von"), validators=[Optional()])
    ends_on = DateField(_l("Beteiligungsphase bis"), validators=[Optional()])


class RenameForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])


class ThemeForm(FlaskForm):
    name = StringField(_l("Neues Querschnittsthema"), validators=[DataRequired(), Length(max=200)])
    description = StringField(_l("Beschreibung"), validators=[Optional(), Length(max=500)])


class DistrictForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
