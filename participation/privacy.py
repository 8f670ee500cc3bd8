"""Privacy helpers: client fingerprints that never store or expose a raw IP address."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime


def _daily_salt(secret: str) -> bytes:
    """Return today's salt: derived from the secret key and the date, kept in memory only.

    Every worker of the installation derives the same salt, so rate limits kept in Redis count
    one client once; the salt changes every day, so fingerprints cannot be linked across days.
    """
    day = datetime.now(UTC).strftime("%Y-%m-%d")
    return hmac.new(secret.encode(), f"client-fingerprint|{day}".encode(), hashlib.sha256).digest()


def hash_address(address: str | None, secret: str = "") -> str:
    """Return a salted, truncated hash of an address; the address itself is never kept."""
    if not secret:
        from flask import current_app

        secret = current_app.config["SECRET_KEY"]
    digest = hmac.new(_daily_salt(secret), (address or "").encode(), hashlib.sha256).hexdigest()
    return digest[:24]


def client_fingerprint() -> str:
    """Return the rate-limit key of the current request: a hash, never the raw IP."""
    from flask import request

    return hash_address(request.remote_addr)
