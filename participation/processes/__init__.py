"""The audit process, its phases, fields of action, themes, target groups and districts."""


def init_app(app):
    # Imported here, not at module level: models import this package, views import models.
    from participation.processes.views import bp

    app.register_blueprint(bp)
