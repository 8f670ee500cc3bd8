"""Staff accounts and roles; participants never need an account."""


def init_app(app):
    # Imported here, not at module level: models import this package, views import models.
    from participation.accounts.models import StaffUser
    from participation.accounts.views import bp
    from participation.extensions import db, login_manager
    from participation.i18n import _l

    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Bitte melden Sie sich an, um diese Seite zu sehen.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(user_id: str):
        try:
            raw_id, version = user_id.split(":", 1)
            user = db.session.get(StaffUser, int(raw_id))
        except (ValueError, TypeError):
            return None
        if user is None or str(user.session_version) != version or not user.active:
            return None
        return user

    app.register_blueprint(bp)
