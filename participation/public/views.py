"""Participant-facing pages that belong to no single feature; health check."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from sqlalchemy import select, text

from participation.accounts.permissions import safe_next_url
from participation.extensions import db
from participation.i18n import LANGUAGE_COOKIE
from participation.processes.models import Process

bp = Blueprint("public", __name__, template_folder="templates")


def public_process(slug: str) -> Process:
    """Return a process that participants may see, or 404."""
    process = db.session.scalar(select(Process).where(Process.slug == slug))
    if process is None or not process.is_public or process.is_archived:
        abort(404)
    return process


@bp.route("/")
def index():
    processes = db.session.scalars(
        select(Process)
        .where(Process.is_public.is_(True), Process.archived_at.is_(None))
        .order_by(Process.name)
    ).all()
    return render_template("public/index.html", processes=processes)


@bp.route("/p/<process_slug>/")
def process_home(process_slug: str):
    process = public_process(process_slug)
    return render_template(
        "public/process_home.html",
        process=process,
        sections=current_app.extensions["participant_sections"],
    )


@bp.route("/sprache/<code>")
def set_language(code: str):
    """Remember the chosen language in a cookie and go back (works without JavaScript)."""
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    response = redirect(safe_next_url(url_for("public.index")))
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        httponly=True,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response


@bp.route("/datenschutz")
def privacy():
    return render_template("public/privacy.html")


@bp.route("/barrierefreiheit")
def accessibility():
    from datetime import date

    config = current_app.config
    return render_template(
        "public/accessibility.html",
        statement_date=date.fromisoformat(config["ACCESSIBILITY_STATEMENT_DATE"]),
        contact_email=config["ACCESSIBILITY_CONTACT_EMAIL"],
        contact_phone=config["ACCESSIBILITY_CONTACT_PHONE"],
        enforcement_body=config["ACCESSIBILITY_ENFORCEMENT_BODY"],
    )


@bp.route("/impressum")
def imprint():
    return render_template("public/imprint.html")


@bp.route("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


@bp.route("/robots.txt")
def robots():
    body = "User-agent: *\nDisallow: /staff/\n"
    return current_app.response_class(body, mimetype="text/plain")


@bp.app_template_global()
def language_url(code: str) -> str:
    """Return the language-switch link that comes back to the current page."""
    here = request.full_path if request.query_string else request.path
    return url_for("public.set_language", code=code, next=here)
