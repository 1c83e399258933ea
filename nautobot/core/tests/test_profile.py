"""The user's own pages (`core/views/profile.py`): change password, preferences, and the password change an admin
requires. Every test submits the real forms with the Django test client, as a browser would."""

import datetime
import re

import pytest
from django.test import Client

from nautobot.core.models.sessions import UserSession
from nautobot.core.testing.api import TokenClient
from nautobot.users.models import Token

pytestmark = pytest.mark.django_db
VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]


def sign_in(username: str, password: str, **headers) -> Client:
    browser = Client(**headers)
    answer = browser.post("/login/", {"username": username, "password": password})
    assert answer.status_code == 302, f"sign-in as {username} failed"
    return browser


def signs_in(username: str, password: str) -> bool:
    return Client().post("/login/", {"username": username, "password": password}).status_code == 302


def field_errors(page: str, field: str) -> list[str]:
    """The error lines shown in the form row of `field` (the row that holds its input)."""
    rows = page.split('<div class="mb-3 row">')
    row = next(row for row in rows if f'id="id_{field}"' in row)
    return re.findall(r'class="invalid-feedback d-block field-error">([^<]*)<', row)


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", password="first-secret-1")


def test_change_password_keeps_this_session_and_signs_out_the_others(alice):
    browser = sign_in("alice", "first-secret-1")
    laptop = sign_in("alice", "first-secret-1")
    assert 'id="password-form"' in browser.get("/user/password/").content.decode()

    wrong = browser.post(
        "/user/password/",
        {"old_password": "nope", "new_password1": "second-Secret-2", "new_password2": "second-Secret-2"},
    )
    assert wrong.status_code == 200 and field_errors(wrong.content.decode(), "old_password")
    assert signs_in("alice", "first-secret-1")

    changed = browser.post(
        "/user/password/",
        {"old_password": "first-secret-1", "new_password1": "second-Secret-2", "new_password2": "second-Secret-2"},
    )
    assert changed.status_code == 302 and changed["Location"] == "/user/profile/"
    # This session stays signed in, under a new key that its record follows; the others are gone.
    profile = browser.get("/user/profile/")
    assert profile.status_code == 200
    assert "2 other sessions signed out" in profile.content.decode()  # the laptop's, and the one signs_in made
    assert [record.session_key for record in UserSession.objects.filter(user=alice)] == [
        browser.cookies["sessionid"].value
    ]
    assert laptop.get("/user/profile/")["Location"].startswith("/login/")
    assert not signs_in("alice", "first-secret-1") and signs_in("alice", "second-Secret-2")


def test_the_validators_messages_are_shown_beside_the_field(alice, settings):
    settings.AUTH_PASSWORD_VALIDATORS = VALIDATORS
    browser = sign_in("alice", "first-secret-1")
    form = browser.get("/user/password/").content.decode()
    assert "at least 12 characters" in form  # the rules, listed beside the field
    for new, message in (("short-1", "too short"), ("password1234", "too common")):
        page = browser.post(
            "/user/password/", {"old_password": "first-secret-1", "new_password1": new, "new_password2": new}
        ).content.decode()
        assert any(message in error for error in field_errors(page, "new_password1")), (new, page[-3000:])
    mismatch = browser.post(
        "/user/password/",
        {"old_password": "first-secret-1", "new_password1": "long-enough-pass", "new_password2": "other-long-pass"},
    ).content.decode()
    assert field_errors(mismatch, "new_password2") == ["The two password fields didn’t match."]
    same = browser.post(
        "/user/password/",
        {"old_password": "first-secret-1", "new_password1": "first-secret-1", "new_password2": "first-secret-1"},
    ).content.decode()
    assert any("different from the current" in error for error in field_errors(same, "new_password1"))
    assert signs_in("alice", "first-secret-1")


def test_a_user_without_a_local_password_is_told_why(django_user_model):
    directory_user = django_user_model.objects.create_user("ldap-carol")  # no usable password: LDAP/SSO made it
    browser = Client()
    browser.force_login(directory_user)
    page = browser.get("/user/password/")
    assert page.status_code == 200 and 'id="password-managed-elsewhere"' in page.content.decode()
    assert 'id="password-form"' not in page.content.decode()
    refused = browser.post(
        "/user/password/", {"old_password": "", "new_password1": "x" * 20, "new_password2": "x" * 20}
    )
    assert refused.status_code == 403
    directory_user.refresh_from_db()
    assert not directory_user.has_usable_password()
    # An account a proxy's remote-user header made has an empty password: none to change here either.
    proxied = django_user_model.objects.create(username="proxied-dave")
    browser.force_login(proxied)
    assert 'id="password-managed-elsewhere"' in browser.get("/user/password/").content.decode()


def test_an_admin_requires_a_password_change(admin, alice, django_user_model):
    alice.is_superuser = True  # even a superuser goes nowhere else, /admin/ included (the API excepted)
    alice.save()
    directory_user = django_user_model.objects.create_user("ldap-carol")
    answer = admin.post(
        "/admin/users/user/",
        {"action": "require_password_change", "_selected_action": [str(alice.pk), str(directory_user.pk)]},
        follow=True,
    )
    assert "1 user(s) must change their password" in answer.content.decode()
    assert "1 user(s) skipped" in answer.content.decode()
    alice.refresh_from_db()
    directory_user.refresh_from_db()
    assert alice.must_change_password and not directory_user.must_change_password
    edit = admin.get(f"/admin/users/user/{alice.pk}/change/").content.decode()
    assert re.search(r'<input type="checkbox" name="must_change_password"[^>]* checked', edit)

    browser = Client()
    landed = browser.post("/login/", {"username": "alice", "password": "first-secret-1"}, follow=True)
    assert landed.redirect_chain[-1][0] == "/user/password/?next=%2F"
    assert 'id="password-change-required"' in landed.content.decode()
    for page in ("/", "/dcim/sites/", "/user/profile/", "/admin/"):
        assert browser.get(page)["Location"].startswith("/user/password/"), page
    assert browser.post("/tenancy/tenants/add/", {"name": "x"})["Location"] == "/user/password/"
    # The API is not affected: her token keeps working.
    token = Token.objects.create(user=alice)
    assert TokenClient(token.key).get("/api/dcim/sites/").status_code == 200

    changed = browser.post(
        "/user/password/?next=%2Fdcim%2Fsites%2F",
        {
            "old_password": "first-secret-1",
            "new_password1": "second-Secret-2",
            "new_password2": "second-Secret-2",
            "next": "/dcim/sites/",
        },
    )
    assert changed["Location"] == "/dcim/sites/"
    alice.refresh_from_db()
    assert not alice.must_change_password
    assert browser.get("/").status_code == 200
    assert browser.post("/logout/").status_code == 302


def test_a_marked_user_can_still_sign_out_and_is_not_sent_away_in_maintenance(alice, settings):
    alice.must_change_password = True
    alice.save()
    browser = sign_in("alice", "first-secret-1")
    settings.MAINTENANCE_MODE = True  # the password cannot be saved now: the pages stay reachable
    assert browser.get("/").status_code == 200
    settings.MAINTENANCE_MODE = False
    assert browser.get("/").status_code == 302
    assert browser.post("/logout/")["Location"] == "/login/"


def test_preferences_page_size_time_zone_and_theme(alice, settings):
    from nautobot.tenancy.models import Tenant

    settings.TIME_ZONE = "UTC"
    alice.is_superuser = True  # to see the tenants
    alice.save()
    Tenant.objects.bulk_create([Tenant(name=f"T{n:02}", slug=f"t{n:02}") for n in range(30)])
    token = Token.objects.create(user=alice, description="dated")
    Token.objects.filter(pk=token.pk).update(created=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))
    browser = sign_in("alice", "first-secret-1")
    assert "2024-01-01 00:00" in browser.get("/user/api-tokens/").content.decode()
    form = browser.get("/user/preferences/").content.decode()
    assert 'name="timezone"' in form and 'name="per_page"' in form and 'name="theme"' in form

    bad = browser.post("/user/preferences/", {"_save": "1", "per_page": "7", "timezone": "Mars/Olympus", "theme": "x"})
    assert bad.status_code == 200
    assert field_errors(bad.content.decode(), "timezone") and field_errors(bad.content.decode(), "per_page")
    saved = browser.post(
        "/user/preferences/", {"_save": "1", "per_page": "25", "timezone": "Asia/Kolkata", "theme": "dark"}
    )
    assert saved.status_code == 302
    alice.refresh_from_db()
    assert alice.all_config() == {"pagination.per_page": 25, "ui.timezone": "Asia/Kolkata", "ui.theme": "dark"}

    listing = browser.get("/tenancy/tenants/").content.decode()
    assert "T24" in listing and "T25" not in listing  # 25 rows a page
    tokens_page = browser.get("/user/api-tokens/").content.decode()
    assert "2024-01-01 05:30" in tokens_page  # shown in her time zone (UTC+5:30)
    assert 'data-bs-theme="dark"' in tokens_page and 'data-theme-preference="dark"' in tokens_page
    # The API's times do not depend on who asks, nor how.
    api_created = browser.get(f"/api/users/tokens/{token.pk}/").json()["created"]
    assert api_created.startswith("2024-01-01T00:00:00")

    # The table of saved preferences (apps' too, as 1.x shows them), from which some are cleared.
    alice.refresh_from_db()
    alice.set_config("extras.configcontext.format", "yaml", commit=True)
    table = browser.get("/user/preferences/").content.decode()
    assert "extras.configcontext.format" in table and "Asia/Kolkata" in table
    browser.post("/user/preferences/", {"_clear": "1", "clear": ["ui.timezone", "extras.configcontext.format"]})
    alice.refresh_from_db()
    assert alice.all_config() == {"pagination.per_page": 25, "ui.theme": "dark"}
    assert "2024-01-01 00:00" in browser.get("/user/api-tokens/").content.decode()


def test_the_theme_button_saves_the_preference(alice):
    browser = sign_in("alice", "first-secret-1")
    page = browser.get("/").content.decode()
    assert 'data-theme-url="/user/preferences/theme/"' in page and 'data-theme-preference=""' in page
    assert browser.post("/user/preferences/theme/", {"theme": "light"}).status_code == 204
    alice.refresh_from_db()
    assert alice.get_config("ui.theme") == "light"
    refused = browser.post("/user/preferences/theme/", {"theme": "pink"})
    assert refused.status_code == 400 and b"Unknown theme" in refused.content
    assert 'data-theme-preference="light"' in browser.get("/").content.decode()
    assert "data-theme-url" not in Client().get("/login/").content.decode()
