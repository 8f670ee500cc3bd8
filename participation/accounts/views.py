"""Staff sign-in, the staff start page and account administration."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from participation.accounts import operations
from participation.accounts.forms import LoginForm, PasswordChangeForm, UserCreateForm
from participation.accounts.models import AuditLogEntry, Role, StaffUser
from participation.accounts.permissions import admin_required, safe_next_url
from participation.extensions import db, limiter
from participation.i18n import _
from participation.processes.models import Process

bp = Blueprint("accounts", __name__, url_prefix="/staff", template_folder="templates")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.home"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = operations.authenticate(form.email.data, form.password.data)
        except operations.AccountError as error:
            form.password.errors.append(str(error))
        else:
            login_user(user)
            return redirect(safe_next_url(url_for("accounts.home")))
    return render_template("accounts/login.html", form=form), 200 if not form.errors else 422


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    flash(_("Sie sind abgemeldet."), "success")
    return redirect(url_for("public.index"))


@bp.route("/")
@login_required
def home():
    if current_user.is_admin:
        processes = db.session.scalars(select(Process).order_by(Process.created_at.desc())).all()
    else:
        processes = [m.process for m in current_user.memberships]
    return render_template("accounts/home.html", processes=processes)


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not operations._verify(current_user.password_hash, form.current_password.data):
            form.current_password.errors.append(_("Das bisherige Passwort stimmt nicht."))
        else:
            try:
                user = current_user._get_current_object()
                operations.set_password(user, form.new_password.data)
            except operations.AccountError as error:
                form.new_password.errors.append(str(error))
            else:
                operations.log_action("password_changed", f"staff_user:{user.id}", user=user)
                db.session.commit()
                login_user(user)
                flash(_("Das Passwort ist geändert."), "success")
                return redirect(url_for("accounts.home"))
    return render_template("accounts/password.html", form=form)


@bp.route("/users", methods=["GET", "POST"])
@admin_required
def users():
    form = UserCreateForm()
    processes = db.session.scalars(select(Process).order_by(Process.name)).all()
    form.process_slug.choices = [("", _("— keines —"))] + [(p.slug, p.name) for p in processes]
    form.role.choices = [(r.value, r.title) for r in Role if r is not Role.ADMIN]
    if form.validate_on_submit():
        try:
            user = operations.create_user(
                form.email.data,
                form.display_name.data,
                form.password.data,
                is_admin=form.is_admin.data,
            )
            process = next((p for p in processes if p.slug == form.process_slug.data), None)
            if process is not None:
                operations.grant_role(user, process, Role(form.role.data))
            operations.log_action("user_created", f"staff_user:{user.id}", process=process)
            db.session.commit()
        except operations.AccountError as error:
            db.session.rollback()
            form.email.errors.append(str(error))
        else:
            flash(_("Das Konto für %(email)s ist angelegt.", email=user.email), "success")
            return redirect(url_for("accounts.users"))
    all_users = db.session.scalars(select(StaffUser).order_by(StaffUser.email)).all()
    return render_template("accounts/users.html", form=form, users=all_users)


@bp.route("/audit-log")
@admin_required
def audit_log():
    entries = db.session.scalars(
        select(AuditLogEntry).order_by(AuditLogEntry.created_at.desc()).limit(500)
    ).all()
    return render_template("accounts/audit_log.html", entries=entries)
