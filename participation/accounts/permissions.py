"""Who may do what in a process, and the decorator that enforces it on views."""

from __future__ import annotations

import enum
import functools

from flask import abort, g, request
from flask_login import current_user
from sqlalchemy import select

from participation.accounts.models import Role
from participation.extensions import db, login_manager


class Permission(enum.StrEnum):
    VIEW = "view"  # see the staff dashboard, results and the workshop board
    MODERATE = "moderate"  # approve, hide and restore posts, handle reports
    MANAGE = "manage"  # create and change surveys, boards, process settings, run analysis
    EXPORT = "export"  # download exports with contribution texts
    ADMIN = "admin"  # staff accounts and new processes


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.LEAD: frozenset(
        {Permission.VIEW, Permission.MODERATE, Permission.MANAGE, Permission.EXPORT}
    ),
    Role.MODERATOR: frozenset({Permission.VIEW, Permission.MODERATE}),
    Role.AUDITOR: frozenset({Permission.VIEW}),
}


def has_permission(user, process, permission: Permission) -> bool:
    """Return whether `user` holds `permission` in `process`."""
    if not getattr(user, "is_authenticated", False):
        return False
    role = user.role_in(process.id)
    return role is not None and permission in ROLE_PERMISSIONS[role]


def load_process(slug: str):
    from participation.processes.models import Process

    process = db.session.scalar(select(Process).where(Process.slug == slug))
    if process is None:
        abort(404)
    return process


def process_permission_required(permission: Permission):
    """Protect a staff view taking `process_slug`: it receives `process` instead.

    Anonymous users go to the login page; users without the permission get 403; an unknown
    process is 404. The process is also put on `g.process` for templates.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, process_slug: str, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            process = load_process(process_slug)
            if not has_permission(current_user, process, permission):
                abort(403)
            g.process = process
            return view(*args, process=process, **kwargs)

        wrapper.required_permission = permission
        return wrapper

    return decorator


def admin_required(view):
    """Protect an installation-wide view for administrators."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    wrapper.required_permission = Permission.ADMIN
    return wrapper


def safe_next_url(default: str) -> str:
    """Return the `next` target if it stays on this site, else `default`."""
    target = request.values.get("next", "")
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default
