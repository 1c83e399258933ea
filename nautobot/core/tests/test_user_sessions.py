"""The Sessions page (`core/user_sessions.py`): a user's signed-in sessions listed and signed out, with each session
engine (database, files, cache), and through maintenance mode."""

import base64
import re
import time

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from nautobot.core.models.sessions import UserSession
from nautobot.core.tests.test_maintenance_mode import read_only_database
from nautobot.core.user_sessions import RECORD, SEEN, session_store

pytestmark = pytest.mark.django_db
ENGINES = {
    "database": "nautobot.core.sessions",
    "files": "django.contrib.sessions.backends.file",
    "cache": "django.contrib.sessions.backends.cache",
}


def browser(name: str, address: str) -> Client:
    return Client(HTTP_USER_AGENT=f"Mozilla/5.0 ({name})", REMOTE_ADDR=address)


def sign_in(client: Client, username: str = "bob", password: str = "pw") -> Client:
    assert client.post("/login/", {"username": username, "password": password}).status_code == 302
    return client


def signed_in(client: Client) -> bool:
    return client.get("/user/profile/").status_code == 200


def listed(client: Client) -> dict[str, str]:
    """The Sessions page's rows: the record id of each, with its text."""
    page = client.get("/user/sessions/").content.decode()
    return dict(re.findall(r'<tr data-session="([^"]+)">(.*?)</tr>', page, re.DOTALL))


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user("bob", password="pw")


@pytest.mark.parametrize("engine", ENGINES.values(), ids=ENGINES.keys())
def test_sessions_are_listed_and_signed_out_with_every_engine(engine, bob, django_user_model, settings, tmp_path):
    settings.SESSION_ENGINE = engine
    settings.SESSION_FILE_PATH = str(tmp_path)
    # Django's own cache class: the test configuration's (METRICS_ENABLED) is django-prometheus's, whose get() takes
    # a stored empty dict for a miss, which Django's cache session engine cannot survive.
    settings.CACHES = {**settings.CACHES, "sessions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.SESSION_CACHE_ALIAS = "sessions"
    desk = sign_in(browser("Desk Firefox", "192.0.2.10"))
    phone = sign_in(browser("Phone Safari", "198.51.100.7"))
    tablet = sign_in(browser("Tablet Chrome", "2001:db8::5"))

    rows = listed(desk)
    assert len(rows) == 3
    desk_row = rows[desk.session[RECORD]]
    assert "192.0.2.10" in desk_row and "Desk Firefox" in desk_row and "this session" in desk_row
    phone_id = phone.session[RECORD]
    assert "198.51.100.7" in rows[phone_id] and "Phone Safari" in rows[phone_id] and "Sign out" in rows[phone_id]

    phone_key = phone.cookies["sessionid"].value
    assert desk.post(f"/user/sessions/{phone_id}/revoke/").status_code == 302
    assert not signed_in(phone)  # the phone is signed out
    assert session_store(phone_key).load() == {}
    assert signed_in(desk) and signed_in(tablet)
    assert len(listed(desk)) == 2

    answer = desk.post("/user/sessions/revoke-others/", follow=True)
    assert "1 other session signed out" in answer.content.decode()
    assert not signed_in(tablet) and signed_in(desk)
    assert list(listed(desk)) == [desk.session[RECORD]]

    # Nobody signs out another user's session; signing out this one is logging out.
    django_user_model.objects.create_user("mallory", password="pw")
    other = sign_in(browser("Mallory", "203.0.113.9"), "mallory", "pw")
    assert other.post(f"/user/sessions/{desk.session[RECORD]}/revoke/").status_code == 404
    assert signed_in(desk)
    own = desk.session[RECORD]
    assert desk.post(f"/user/sessions/{own}/revoke/")["Location"] == "/login/"
    assert not signed_in(desk) and not UserSession.objects.filter(user=bob).exists()


def test_logout_removes_the_record_and_ended_sessions_drop_off_the_list(bob):
    desk = sign_in(browser("Desk", "192.0.2.10"))
    laptop = sign_in(browser("Laptop", "192.0.2.11"))
    assert UserSession.objects.filter(user=bob).count() == 2
    laptop.post("/logout/")
    assert UserSession.objects.filter(user=bob).count() == 1

    # A session that ended outside this page (expired, cleared by `clearsessions`, or outdated by a password set in
    # the admin) is not listed, and its record goes.
    kiosk = sign_in(browser("Kiosk", "192.0.2.12"))
    session_store().delete(kiosk.cookies["sessionid"].value)
    assert list(listed(desk)) == [desk.session[RECORD]]
    assert UserSession.objects.filter(user=bob).count() == 1
    sign_in(browser("Old", "192.0.2.13"))
    bob.set_password("set-by-an-admin")
    bob.save()
    desk.force_login(bob)  # the desk signs in again; the one made with the old password is over
    assert list(listed(desk)) == [desk.session[RECORD]]


def test_last_seen_is_kept_current_and_an_unrecorded_session_is_listed(bob):
    desk = sign_in(browser("Desk", "192.0.2.10"))
    record = UserSession.objects.get(user=bob)
    first_seen = record.last_seen_at
    desk.get("/user/profile/")
    record.refresh_from_db()
    assert record.last_seen_at == first_seen  # written at most every few minutes

    session = desk.session
    session[SEEN] = int(time.time()) - 3600
    session.save()
    desk.get("/user/profile/")
    record.refresh_from_db()
    assert record.last_seen_at > first_seen

    # A session without a record (signed in before this existed) is recorded at its next page view.
    UserSession.objects.all().delete()
    session = desk.session
    del session[RECORD]
    session.save()
    desk.get("/user/profile/")
    adopted = UserSession.objects.get(user=bob)
    assert adopted.signed_in_at is None and adopted.session_key == desk.cookies["sessionid"].value
    assert "—" in listed(desk)[str(adopted.pk)]


def test_sessions_through_maintenance_mode(bob, settings):
    desk = sign_in(browser("Desk", "192.0.2.10"))
    settings.MAINTENANCE_MODE = True
    with read_only_database():
        # A login still works (unrecorded: its session is a signed cookie, which only expiry ends).
        roaming = sign_in(browser("Roaming", "192.0.2.20"))
        assert ":" in roaming.cookies["sessionid"].value
        assert signed_in(roaming) and signed_in(desk)
        rows = listed(desk)
        assert list(rows) == [desk.session[RECORD]]
        refused = desk.post(f"/user/sessions/{desk.session[RECORD]}/revoke/")
        assert refused.status_code == 503
        assert desk.post("/user/sessions/revoke-others/").status_code == 503
        assert roaming.post("/logout/").status_code == 302
    assert UserSession.objects.filter(user=bob).count() == 1


def test_the_token_apis_basic_auth_makes_no_session(bob):
    """Basic auth on the token API is a sign-in (it sends `user_logged_in`) but makes no session: nothing to list."""
    bob.is_superuser = True  # may add tokens
    bob.save()
    credentials = base64.b64encode(b"bob:pw").decode()
    answer = Client().post("/api/users/tokens/", {}, HTTP_AUTHORIZATION=f"Basic {credentials}")
    assert answer.status_code == 201, answer.content
    assert not UserSession.objects.exists() and not Session.objects.exists()
