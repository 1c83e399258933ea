"""The default session engine: Django's database sessions, which a maintenance window never loses.

With `MAINTENANCE_MODE` on the database may be read-only, so a session that is created (a login) or changed
travels in a signed cookie instead of a database row (as Django's `signed_cookies` engine keeps it), while the
sessions already in the database are still read: users who were logged in stay logged in, and others can log in.
Once maintenance is over, a signed-cookie session is still read, and moves into the database the next time it
changes. Cookie values tell the two kinds apart: a database key is 32 letters and digits, a signed value has colons.
"""

from django.contrib.sessions.backends import db
from django.core import signing
from django.db import DatabaseError, transaction

from nautobot.core.maintenance import maintenance_mode

SALT = "nautobot.core.sessions"


class SessionStore(db.SessionStore):
    def _signed(self) -> bool:
        return bool(self.session_key) and ":" in self.session_key

    def load(self):
        if not self._signed():
            return super().load()
        try:
            return signing.loads(
                self.session_key, serializer=self.serializer, max_age=self.get_session_cookie_age(), salt=SALT
            )
        except Exception:  # a bad or expired signature, or an unreadable payload: no session, as Django's engines do
            self._session_key = None
            return {}

    def exists(self, session_key):
        if session_key and ":" in session_key:
            return False
        return super().exists(session_key)

    def create(self):
        if maintenance_mode():
            self._session_key = None
            self.modified = True  # the key is made by save()
            return
        super().create()

    def save(self, must_create=False):
        if maintenance_mode():
            data = self._get_session(no_load=must_create)
            self._session_key = signing.dumps(data, compress=True, salt=SALT, serializer=self.serializer)
            return
        if self._signed():  # back from a maintenance window: the session moves into the database
            data = self._get_session()
            self._session_key = None
            self._session_cache = data
            self.create()
            return
        super().save(must_create=must_create)

    def delete(self, session_key=None):
        key = session_key if session_key is not None else self.session_key
        if key and ":" in key:  # a signed session has no row: the cookie goes (logout)
            if session_key is None:
                self._session_key = None
                self._session_cache = {}
            return
        if maintenance_mode():
            # A logout must end the session for good, even now: its row is deleted where the database still takes
            # writes; a read-only one refuses, and the cookie still goes (the row then lasts until it expires).
            try:
                with transaction.atomic():
                    super().delete(session_key)
            except DatabaseError:
                if session_key is None:
                    self._session_key = None
                    self._session_cache = {}
            return
        super().delete(session_key)
