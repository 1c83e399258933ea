"""Failed sign-ins are limited per user name and per client address (issue 23: brute force).

After `LOGIN_FAILURE_LIMIT_PER_USER` failed password checks for one name (or `LOGIN_FAILURE_LIMIT_PER_ADDRESS` from
one address) within `LOGIN_FAILURE_WINDOW` seconds, every password attempt for that name (or from that address) is
refused for `LOGIN_FAILURE_DELAY` seconds with `message(seconds)`, even with the right password; other names and
addresses go on. A successful sign-in clears the name's count.

Where: every password check goes through `django.contrib.auth.authenticate`, whatever the path (login page, API basic
auth, LDAP). `LoginFailureLimitBackend` is put first in AUTHENTICATION_BACKENDS when the configuration loads (the
file's list stays as written) and refuses a limited attempt before any real backend sees the password (Django's
`PermissionDenied` stops the other backends); Django's `user_login_failed`/`user_logged_in` signals count and clear.
The refusal is left on the request (`request.login_refused_for`: seconds) for the page or API to say so.

The counts live in the default cache, shared by every process of the service (a file cache on one host, Redis in
production): Redis, memcached and the local-memory cache increment atomically; Django's file cache does not, so
counting takes a file lock in its directory. (Django's database cache has no such lock: counts may be lost when
failures race.) Keys hold a hash of the name or address, never the name itself.
"""

import contextlib
import fcntl
import hashlib
import logging
import math
import os
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.exceptions import PermissionDenied

from nautobot.core.proxies import client_address

logger = logging.getLogger("nautobot.authentication")

PREFIX = "nautobot:login-failures"


def message(seconds: int) -> str:
    """What a refused attempt is told."""
    return f"Too many failed sign-in attempts; try again in {seconds} seconds."


def _key(kind: str, value: str, what: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"{PREFIX}:{what}:{kind}:{digest}"


def _limits(username: str | None, address: str) -> list[tuple[str, str, int]]:
    """(kind, value, limit) of each limit that applies: per user name, per address (0: off)."""
    found = []
    per_user = int(getattr(settings, "LOGIN_FAILURE_LIMIT_PER_USER", 0) or 0)
    per_address = int(getattr(settings, "LOGIN_FAILURE_LIMIT_PER_ADDRESS", 0) or 0)
    if username and per_user > 0:
        found.append(("user", username, per_user))
    if address and per_address > 0:
        found.append(("address", address, per_address))
    return found


def refused_for(username: str | None, address: str) -> int:
    """Seconds left before `username` or `address` may try again (0: not limited)."""
    now = time.time()
    cache = caches["default"]
    ends = [cache.get(_key(kind, value, "blocked")) or 0 for kind, value, _ in _limits(username, address)]
    left = max([end - now for end in ends], default=0)
    return math.ceil(left) if left > 0 else 0


@contextlib.contextmanager
def _counting_lock(cache: BaseCache):
    """A lock shared by the processes of this host around a file cache's get-then-set (nothing otherwise)."""
    if not isinstance(cache, FileBasedCache):
        yield
        return
    os.makedirs(cache._dir, exist_ok=True)
    with open(os.path.join(cache._dir, "login-failures.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def count_failure(key: str, window: int) -> int:
    """Add one failure at `key` and return the count within the window that the first one opened."""
    cache = caches["default"]
    if type(cache).incr is not BaseCache.incr:  # an atomic increment that keeps the key's expiry
        cache.add(key, 0, timeout=window)
        try:
            return cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.add(key, 1, timeout=window)
            return 1
    with _counting_lock(cache):
        now = time.time()
        count, ends = cache.get(key) or (0, now + window)
        count += 1
        cache.set(key, (count, ends), timeout=max(1, math.ceil(ends - now)))
        return count


def note_failure(username: str | None, address: str) -> None:
    """Count a failed password check; a count that reaches its limit starts the delay (and starts counting anew)."""
    window = int(settings.LOGIN_FAILURE_WINDOW)
    delay = int(settings.LOGIN_FAILURE_DELAY)
    cache = caches["default"]
    for kind, value, limit in _limits(username, address):
        if count_failure(_key(kind, value, "count"), window) >= limit:
            cache.set(_key(kind, value, "blocked"), time.time() + delay, timeout=delay)
            cache.delete(_key(kind, value, "count"))
            logger.warning("Sign-in refused for %s seconds after %s failures: %s %s", delay, limit, kind, value)


class LoginFailureLimitBackend:
    """First of AUTHENTICATION_BACKENDS: refuses a password attempt for a limited name or from a limited address.
    It signs nobody in and grants nothing (no `get_user`, no `has_perm`), so Django skips it for everything else."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password is None:  # not a password check (remote-user header, SSO)
            return None
        seconds = refused_for(username, client_address(request))
        if seconds:
            if request is not None:
                request.login_refused_for = seconds
            raise PermissionDenied(message(seconds))
        return None


def on_login_failed(sender, credentials: dict, request=None, **kwargs) -> None:
    """`user_login_failed` receiver: count a failed password check (not the refusals of the limit itself)."""
    if "password" not in credentials or getattr(request, "login_refused_for", 0):
        return
    note_failure(credentials.get("username"), client_address(request))


def on_logged_in(sender, request=None, user=None, **kwargs) -> None:
    """`user_logged_in` receiver: a success clears the user name's count."""
    if user is not None:
        caches["default"].delete(_key("user", user.get_username(), "count"))
