"""Extension objects, created here and attached to the app in create_app."""

from flask_limiter import Limiter
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from participation.database import Base
from participation.i18n import PlatformBabel
from participation.privacy import client_fingerprint

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
babel = PlatformBabel()
login_manager = LoginManager()
limiter = Limiter(key_func=client_fingerprint, default_limits=[], headers_enabled=True)
