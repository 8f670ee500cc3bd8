"""Production serving: `gunicorn -c gunicorn.conf.py wsgi:app` (settings from the environment)."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("THREADS", 2))
timeout = 60
graceful_timeout = 30
# No access log: it would store participants' IP addresses (DSGVO). Errors still go to stderr.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
