"""A form with one input per staff-entered text, for one language at a time."""

from __future__ import annotations

from dataclasses import dataclass

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import Length, Optional

from participation.i18n import EASY_LANGUAGE, RTL_LANGUAGES
from participation.multilingual.text import translation_of


@dataclass
class TranslatableText:
    """One text of an object that can be translated (e.g. a question's help text)."""

    obj: object
    field: str
    label: str
    multiline: bool = False
    max_length: int = 5000
    german: str | None = None  # shown to the translator; defaults to the field's value

    @property
    def key(self) -> str:
        return f"t_{self.obj.__tablename__}_{self.obj.id}_{self.field}"

    @property
    def original(self) -> str:
        return self.german if self.german is not None else (getattr(self.obj, self.field) or "")


def translation_form(groups, language: str, formdata=None) -> FlaskForm:
    """Build a form for the texts in `groups` ([(heading, [TranslatableText])]) in `language`."""

    class TranslationForm(FlaskForm):
        pass

    data = {}
    # The inputs take the language of their text, so that spelling and screen readers follow it.
    attributes = {
        "lang": "de" if language == EASY_LANGUAGE else language,
        "dir": "rtl" if language in RTL_LANGUAGES else "ltr",
    }
    for _heading, texts in groups:
        for text in texts:
            kind = TextAreaField if text.multiline else StringField
            setattr(
                TranslationForm,
                text.key,
                kind(
                    text.label,
                    validators=[Optional(), Length(max=text.max_length)],
                    render_kw=attributes,
                ),
            )
            data[text.key] = translation_of(text.obj, text.field, language)
    return TranslationForm(formdata=formdata, data=data)
