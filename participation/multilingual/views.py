"""The staff page that edits the translations of a survey or an idea board, one language at a time."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request

from participation.extensions import db
from participation.i18n import _
from participation.multilingual.forms import translation_form
from participation.multilingual.operations import set_translations
from participation.multilingual.text import translation_languages


def translation_page(*, groups, language: str, title: str, back_url: str, page_url, process):
    """Show and save the translations of `groups` in `language`; `page_url(lang)` links languages."""
    if language not in translation_languages():
        abort(404)
    form = translation_form(groups, language, request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate_on_submit():
        by_object: dict[int, tuple[object, dict]] = {}
        for _heading, texts in groups:
            for text in texts:
                _obj, values = by_object.setdefault(id(text.obj), (text.obj, {}))
                values[text.field] = form[text.key].data or ""
        for obj, values in by_object.values():
            set_translations(obj, language, values)
        db.session.commit()
        flash(_("Die Übersetzungen sind gespeichert."), "success")
        return redirect(page_url(language), 303)
    languages = current_app.config["LANGUAGES"]
    return render_template(
        "multilingual/translations.html",
        process=process,
        groups=groups,
        form=form,
        language=language,
        language_name=languages[language],
        other_languages=[
            (code, languages[code], page_url(code)) for code in translation_languages()
        ],
        title=title,
        back_url=back_url,
    ), (422 if form.errors else 200)
