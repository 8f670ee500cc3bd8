"""Participant-facing pages shared by all features: start page, legal pages, language switch."""

from participation.public.views import bp


def init_app(app):
    app.register_blueprint(bp)
