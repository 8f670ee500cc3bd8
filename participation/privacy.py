"""Privacy helpers: client fingerprints that never store or expose a raw IP address."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time

_SALT_LIFETIME = 24 * 3600
_lock = threading.Lock()
_salt: tuple[float, bytes] = (0.0, b"")


def _current_salt() -> bytes:
    """Return a random salt kept in memory only and rotated daily."""
    global _salt
    with _lock:
        created, salt = _salt
        if not salt or time.monotonic() - created > _SALT_LIFETIME:
            _salt = (time.monotonic(), secrets.token_bytes(32))
        return _salt[1]


def hash_address(address: str | None) -> str:
    """Return a salted, truncated hash of an address; the address itself is never kept."""
    digest = hmac.new(_current_salt(), (address or "").encode(), hashlib.sha256).hexdigest()
    return digest[:24]


def client_fingerprint() -> str:
    """Return the rate-limit key of the current request: a hash, never the raw IP."""
    from flask import request

    return hash_address(request.remote_addr)
