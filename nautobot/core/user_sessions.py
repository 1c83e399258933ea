"""A user's signed-in sessions: recorded at login, listed on their Sessions page, revoked from it.

Sessions live wherever `SESSION_ENGINE` keeps them (database, files, cache), and no engine can list a user's
sessions, so each login makes a small `UserSession` record (`record_login`, a `user_logged_in` receiver) that a
logout removes (`forget_logout`). Revoking goes through the engine's own API (`SessionStore(key).delete()`), so it
works with any engine. `SessionActivityMiddleware` keeps a record's "last seen" to within `SEEN_EVERY_S` seconds
and follows the session's key when Django changes it (`cycle_key`: a password change keeps the user signed in under
a new key); it also records a signed-in session that has no record yet (begun before an upgrade, or in maintenance
mode and since moved into the database).

Maintenance mode: the database may be read-only, so nothing is written then (a login still works, unrecorded);
a session kept in a signed cookie meanwhile has no server-side key and cannot be revoked, only expire.
"""

import hashlib
import time
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from nautobot.core.maintenance import maintenance_mode
from nautobot.core.models.sessions import UserSession

# Keys this module keeps in the session itself: its record's id, a digest of the key it was recorded under, the time
# (epoch seconds) "last seen" was last written.
RECORD = "_nautobot_session_record"
RECORDED_KEY = "_nautobot_session_key_digest"
SEEN = "_nautobot_session_seen"
SEEN_EVERY_S = 300


def session_store(session_key: str | None = None):
    """A store of the configured `SESSION_ENGINE` for `session_key`."""
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key)


def _digest(session_key: str) -> str:
    return hashlib.sha256(session_key.encode()).hexdigest()[:32]


def _recordable(session) -> bool:
    # A signed-cookie session (Django's engine, or ours during maintenance mode) has no server-side key to revoke.
    key = session.session_key
    return bool(key) and ":" not in key and not maintenance_mode()


def _record(request, user: Any, *, signed_in: bool) -> None:
    session = request.session
    now = timezone.now()
    record = UserSession.objects.create(
        user=user,
        session_key=session.session_key,
        signed_in_at=now if signed_in else None,
        last_seen_at=now,
        address=request.META.get("REMOTE_ADDR") or None,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )
    session[RECORD] = str(record.pk)
    session[RECORDED_KEY] = _digest(session.session_key)
    session[SEEN] = int(time.time())


def record_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """`user_logged_in` receiver: record the new session (not in maintenance mode, nor without a server-side key)."""
    session = getattr(request, "session", None)
    # Not a sign-in that made no session (the token API's basic auth sends the signal too).
    if session is None or maintenance_mode() or session.get(SESSION_KEY) != str(user.pk):
        return
    if session.session_key is None:  # Django's login() flushed the session (another user's, or outdated): key it now
        session.save()
    if _recordable(session):
        _record(request, user, signed_in=True)


def forget_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """`user_logged_out` receiver: remove the session's record. In maintenance mode where the database still takes the
    write; a read-only one refuses, and the record goes when its session is found gone (`user_sessions`)."""
    record_id = getattr(request, "session", {}).get(RECORD)
    if not record_id:
        return
    try:
        with transaction.atomic():
            UserSession.objects.filter(pk=record_id).delete()
    except DatabaseError:
        if not maintenance_mode():
            raise


def _alive(record: UserSession, user: Any) -> bool:
    """Whether the record's session still signs `user` in (not expired, deleted, nor outdated by a password change)."""
    data = session_store(record.session_key).load()
    return data.get(SESSION_KEY) == str(user.pk) and constant_time_compare(
        data.get(HASH_SESSION_KEY, ""), user.get_session_auth_hash()
    )


def user_sessions(user: Any) -> list[UserSession]:
    """The user's signed-in sessions, most recently seen first; records of ended sessions are removed on the way."""
    records = list(UserSession.objects.filter(user=user))
    ended = [record for record in records if not _alive(record, user)]
    if ended and not maintenance_mode():
        sessions_revoke(records=ended)
    return [record for record in records if record not in ended]


def sessions_revoke(*, records: list[UserSession]) -> None:
    """Sign these sessions out: each is deleted from the session store, then its record."""
    for record in records:
        session_store().delete(record.session_key)
    UserSession.objects.filter(pk__in=[record.pk for record in records]).delete()


def sessions_revoke_others(*, user: Any, request: Any) -> int:
    """Sign out every session of `user` but the one of `request`; how many there were."""
    others = list(UserSession.objects.filter(user=user).exclude(pk=request.session.get(RECORD)))
    sessions_revoke(records=others)
    return len(others)


class SessionActivityMiddleware:
    """Keep the record of a signed-in session current: its key after Django changed it, "last seen" every
    `SEEN_EVERY_S` seconds (so most requests write nothing), and a record for a session that has none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or SESSION_KEY not in session or not _recordable(session):
            return response
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or session.get(SESSION_KEY) != str(user.pk):
            return response
        self.touch(request, user)
        return response

    @staticmethod
    def touch(request, user: Any) -> None:
        session = request.session
        if not session.get(RECORD):  # a session begun without a record: listed from now on
            _record(request, user, signed_in=False)
            return
        key_moved = session.get(RECORDED_KEY) != _digest(session.session_key)
        stale = time.time() - session.get(SEEN, 0) >= SEEN_EVERY_S
        if not (key_moved or stale):
            return
        changes = {"last_seen_at": timezone.now(), "session_key": session.session_key}
        if not UserSession.objects.filter(pk=session[RECORD], user=user).update(**changes):
            _record(request, user, signed_in=False)  # its record was removed meanwhile (a race with a revocation)
            return
        session[RECORDED_KEY] = _digest(session.session_key)
        session[SEEN] = int(time.time())
