"""Staff-entered texts (survey and idea-board texts) in several languages."""

from __future__ import annotations

from flask import Blueprint, Flask

from participation.sections import register_demo_loader

bp = Blueprint("multilingual", __name__, template_folder="templates")


def init_app(app: Flask) -> None:
    from participation.multilingual.demo import load_demo_translations
    from participation.multilingual.text import (
        is_fallback,
        localized,
        localized_html,
        localized_lines,
    )

    app.register_blueprint(bp)
    app.jinja_env.globals.update(
        localized=localized,
        localized_html=localized_html,
        localized_lines=localized_lines,
        is_fallback=is_fallback,
    )
    register_demo_loader(app, load_demo_translations)
