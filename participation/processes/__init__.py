"""The audit process, its phases, fields of action, themes, target groups and districts."""

from participation.processes.views import bp


def init_app(app):
    app.register_blueprint(bp)
