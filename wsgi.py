"""WSGI entry point for gunicorn: `gunicorn -w 4 wsgi:app`."""

import sys

from participation import ConfigError, create_app

try:
    app = create_app()
except ConfigError as error:
    print(f"Fehler: {error}", file=sys.stderr)
    sys.exit(1)
