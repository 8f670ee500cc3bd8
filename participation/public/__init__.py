"""Participant-facing pages shared by all features: start page, legal pages, language switch."""


def init_app(app):
    # Imported here, not at module level: models import this package, views import models.
    from participation.public.views import bp

    app.register_blueprint(bp)
