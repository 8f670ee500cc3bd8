"""Every change to staff accounts, and the audit log of staff actions."""

from __future__ import annotations

import logging
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_request_context
from flask_login import current_user
from sqlalchemy import func, select

from participation.accounts.models import AuditLogEntry, ProcessMembership, Role, StaffUser
from participation.database import utcnow
from participation.extensions import db
from participation.i18n import _

log = logging.getLogger(__name__)
_hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so a login takes the same time either way.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


class AccountError(ValueError):
    """A staff account operation was refused; the message is shown to the person."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_rules(password: str) -> None:
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        raise AccountError(_("Das Passwort muss mindestens %(n)s Zeichen lang sein.", n=minimum))
    if len(password) > 256:
        raise AccountError(_("Das Passwort ist zu lang (höchstens 256 Zeichen)."))


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user(email: str) -> StaffUser | None:
    return db.session.scalar(
        select(StaffUser).where(func.lower(StaffUser.email) == normalise_email(email))
    )


def create_user(
    email: str, display_name: str, password: str, *, is_admin: bool = False
) -> StaffUser:
    """Create a staff account; the caller commits."""
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise AccountError(_("Bitte eine gültige E-Mail-Adresse angeben."))
    if find_user(email) is not None:
        raise AccountError(_("Für diese E-Mail-Adresse gibt es schon ein Konto."))
    check_password_rules(password)
    user = StaffUser(
        email=email,
        display_name=(display_name or email).strip()[:120],
        password_hash=hash_password(password),
        is_admin=is_admin,
    )
    db.session.add(user)
    db.session.flush()
    return user


def set_password(user: StaffUser, password: str) -> None:
    """Set a new password and end the user's other sessions; the caller commits."""
    check_password_rules(password)
    user.password_hash = hash_password(password)
    user.session_version += 1
    user.failed_logins = 0
    user.locked_until = None


def grant_role(user: StaffUser, process, role: Role) -> ProcessMembership:
    """Give `user` a role in `process` (replacing an earlier one); the caller commits."""
    if role is Role.ADMIN:
        user.is_admin = True
        return None
    membership = next((m for m in user.memberships if m.process_id == process.id), None)
    if membership is None:
        membership = ProcessMembership(user=user, process_id=process.id, role=role)
        db.session.add(membership)
    membership.role = role
    return membership


def revoke_role(user: StaffUser, process) -> None:
    for membership in list(user.memberships):
        if membership.process_id == process.id:
            db.session.delete(membership)


def is_locked(user: StaffUser) -> bool:
    locked_until = user.locked_until
    if locked_until is None:
        return False
    if locked_until.tzinfo is None:  # SQLite returns naive datetimes
        from datetime import UTC

        locked_until = locked_until.replace(tzinfo=UTC)
    return locked_until > utcnow()


def authenticate(email: str, password: str) -> StaffUser:
    """Return the user for valid credentials; count failures and lock after too many.

    Commits the failure count so it survives the refused request.
    """
    user = find_user(email)
    if user is None or not user.active:
        _verify(_DUMMY_HASH, password)
        raise AccountError(_("E-Mail-Adresse oder Passwort ist falsch."))
    if is_locked(user):
        raise AccountError(
            _(
                "Zu viele fehlgeschlagene Anmeldungen. Das Konto ist vorübergehend gesperrt; "
                "bitte versuchen Sie es in %(minutes)s Minuten erneut.",
                minutes=current_app.config["LOGIN_LOCKOUT_MINUTES"],
            )
        )
    if not _verify(user.password_hash, password):
        user.failed_logins += 1
        if user.failed_logins >= current_app.config["LOGIN_MAX_FAILURES"]:
            user.locked_until = utcnow() + timedelta(
                minutes=current_app.config["LOGIN_LOCKOUT_MINUTES"]
            )
            user.failed_logins = 0
            log_action("login_locked", f"staff_user:{user.id}", user=user)
        db.session.commit()
        raise AccountError(_("E-Mail-Adresse oder Passwort ist falsch."))
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = utcnow()
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    db.session.commit()
    return user


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def log_action(
    action: str, target: str = "", *, process=None, user=None, **details
) -> AuditLogEntry:
    """Add an audit log entry for a staff action; the caller's commit stores it."""
    if user is None and has_request_context() and current_user.is_authenticated:
        user = current_user
    entry = AuditLogEntry(
        action=action,
        target=target[:200],
        process_id=process.id if process is not None else None,
        user_id=user.id if user is not None else None,
        user_label=user.email if user is not None else "system",
        details={k: v for k, v in details.items() if v is not None},
    )
    db.session.add(entry)
    log.info("staff action %s on %s by %s", action, target, entry.user_label)
    return entry
