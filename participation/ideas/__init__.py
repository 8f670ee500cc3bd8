"""Idea boards: participants post, discuss and support ideas; staff moderate and answer."""

from participation.i18n import _l


def init_app(app):
    from participation.accounts.permissions import Permission
    from participation.ideas import demo, staff, views
    from participation.ideas.privacy import IdeaAuthors
    from participation.sections import (
        register_demo_loader,
        register_participant_section,
        register_personal_data_provider,
        register_staff_section,
    )

    app.register_blueprint(views.bp)
    app.register_blueprint(staff.bp)
    register_participant_section(app, "ideas/_participant_section.html")
    register_staff_section(
        app,
        _l("Ideenbörsen"),
        "ideas_staff.boards",
        Permission.VIEW,
        _l("Ideen, Kommentare und Unterstützungen; Status und öffentliche Antworten."),
    )
    register_staff_section(
        app,
        _l("Moderation der Ideenbörsen"),
        "ideas_staff.queue",
        Permission.MODERATE,
        _l("Neue Beiträge freigeben, Meldungen bearbeiten, Duplikate zusammenführen."),
    )
    register_demo_loader(app, demo.load_demo_ideas)
    register_personal_data_provider(app, IdeaAuthors())
    if app.config.get("NLP_WARM_UP", not app.testing):
        from participation.ideas.operations import warm_up

        for frame in ("family", "quarter"):
            warm_up(frame)
