"""Forms for staff sign-in and account management."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from participation.i18n import _l


class LoginForm(FlaskForm):
    email = EmailField(_l("E-Mail-Adresse"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Passwort"), validators=[DataRequired(), Length(max=256)])


class UserCreateForm(FlaskForm):
    email = EmailField(_l("E-Mail-Adresse"), validators=[DataRequired(), Length(max=254)])
    display_name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    password = PasswordField(_l("Passwort"), validators=[DataRequired(), Length(max=256)])
    is_admin = BooleanField(_l("Administration (alle Verfahren, Konten)"))
    process_slug = SelectField(_l("Verfahren"), coerce=str, validate_choice=True)
    role = SelectField(_l("Rolle im Verfahren"), coerce=str, validate_choice=True)


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(_l("Bisheriges Passwort"), validators=[DataRequired()])
    new_password = PasswordField(_l("Neues Passwort"), validators=[DataRequired(), Length(max=256)])
