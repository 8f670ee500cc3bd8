"""Surveys for every target group, answered on phones and on paper."""

from participation.i18n import _l
from participation.sections import (
    register_demo_loader,
    register_participant_section,
    register_process_created_hook,
    register_staff_section,
)


def init_app(app):
    from participation.accounts.permissions import Permission
    from participation.surveys import structure  # noqa: F401  (its flush listener renews tokens)
    from participation.surveys.demo import load_demo_surveys
    from participation.surveys.operations import copy_predecessor_surveys
    from participation.surveys.participant_views import bp as participant_bp
    from participation.surveys.views import bp as staff_bp

    app.register_blueprint(staff_bp)
    app.register_blueprint(participant_bp)
    register_staff_section(
        app,
        _l("Umfragen"),
        "surveys.index",
        Permission.VIEW,
        _l("Fragebögen für Familien, Jugend, Vereine und Unternehmen; Ergebnisse und Exporte."),
    )
    register_participant_section(app, "surveys/_participant_section.html")
    register_demo_loader(app, load_demo_surveys)
    register_process_created_hook(app, copy_predecessor_surveys)
