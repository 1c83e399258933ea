"""`MAINTENANCE_MODE` (1.x, `NAUTOBOT_MAINTENANCE_MODE`): writes through the UI and the API are refused with 503 and
a message saying so, reads work, a banner is on every page, logins and sessions go on, and nothing at all is written
to the database (every test here runs its requests against a database that refuses INSERT, UPDATE and DELETE)."""

import contextlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection
from django.test import Client

from nautobot.core.middleware import MAINTENANCE_MESSAGE
from nautobot.core.sessions import SessionStore
from nautobot.tenancy.models import Tenant

pytestmark = pytest.mark.django_db
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


@contextlib.contextmanager
def read_only_database():
    """The database as a read-only replica behaves: any write statement fails."""

    def refuse(execute, sql, params, many, context):
        if WRITE.match(sql):
            raise DatabaseError(f"cannot execute {sql.split()[0]} in a read-only transaction (test)")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        yield


@pytest.fixture
def tenant():
    return Tenant.objects.create(name="Kept", slug="kept", description="before")


def _refused(response, *, api: bool) -> None:
    assert response.status_code == 503, response.content[:300]
    if api:
        assert response.json() == {"detail": MAINTENANCE_MESSAGE}
    else:
        assert MAINTENANCE_MESSAGE in response.content.decode()


def test_writes_are_refused_and_reads_work(settings, admin, api, tenant):
    settings.MAINTENANCE_MODE = True
    with read_only_database():
        # The REST API: reads answer, every write is refused.
        assert api.get("/api/tenancy/tenants/").json()["count"] == 1
        _refused(api.post("/api/tenancy/tenants/", {"name": "New", "slug": "new"}), api=True)
        _refused(api.patch(f"/api/tenancy/tenants/{tenant.pk}/", {"description": "changed"}), api=True)
        _refused(api.put(f"/api/tenancy/tenants/{tenant.pk}/", {"name": "X", "slug": "x"}), api=True)
        _refused(api.delete(f"/api/tenancy/tenants/{tenant.pk}/"), api=True)
        _refused(api.post("/api/extras/jobs/local/example/Example/run/", {"data": {}}), api=True)
        # GraphQL has queries only: its POSTs are reads.
        answer = api.post("/api/graphql/", {"query": "{ tenants { name } }"})
        assert answer.status_code == 200 and answer.json()["data"]["tenants"] == [{"name": "Kept"}]

        # The web UI: the session made before the maintenance still signs the user in; pages show the banner.
        page = admin.get("/tenancy/tenants/", {"per_page": 5})  # a per-page choice is not saved meanwhile
        assert page.status_code == 200 and "Kept" in page.content.decode()
        assert 'id="maintenance-mode-banner"' in page.content.decode()
        assert 'id="maintenance-mode-banner"' in admin.get(f"/tenancy/tenants/{tenant.pk}/").content.decode()
        _refused(admin.post("/tenancy/tenants/add/", {"name": "New", "slug": "new"}), api=False)
        _refused(admin.post(f"/tenancy/tenants/{tenant.pk}/edit/", {"name": "X", "slug": "x"}), api=False)
        _refused(admin.post(f"/tenancy/tenants/{tenant.pk}/delete/", {"confirm": "true"}), api=False)
        _refused(admin.post("/tenancy/tenants/delete/", {"pk": [str(tenant.pk)], "_confirm": "1"}), api=False)
        _refused(admin.post("/tenancy/tenants/import/", {"data": "name,slug\nI,i"}), api=False)
        assert 'id="maintenance-mode-banner"' in admin.post("/tenancy/tenants/add/", {"name": "N"}).content.decode()

    tenant.refresh_from_db()
    assert (tenant.name, tenant.description, Tenant.objects.count()) == ("Kept", "before", 1)
    assert admin_user_config(admin) == {}
    settings.MAINTENANCE_MODE = False
    assert 'id="maintenance-mode-banner"' not in admin.get("/tenancy/tenants/").content.decode()


def admin_user_config(client: Client) -> dict:
    return get_user_model().objects.get(username="admin").config_data


def test_login_and_logout_work_and_the_session_outlives_the_maintenance(settings, django_user_model):
    user = django_user_model.objects.create_superuser("operator", "o@example.com", "pw")
    settings.MAINTENANCE_MODE = True
    client = Client()
    with read_only_database():
        assert client.post("/login/", {"username": "operator", "password": "pw"}).status_code == 302
        assert ":" in client.cookies["sessionid"].value  # a signed cookie, not a database row
        page = client.get("/tenancy/tenants/")
        assert page.status_code == 200 and 'id="maintenance-mode-banner"' in page.content.decode()
    user.refresh_from_db()
    assert user.last_login is None  # not recorded: the database may be read-only

    # Maintenance over: the session made during it still signs the user in.
    settings.MAINTENANCE_MODE = False
    assert client.get("/tenancy/tenants/").status_code == 200
    settings.MAINTENANCE_MODE = True
    with read_only_database():
        assert client.post("/logout/").status_code == 302
        assert client.get("/tenancy/tenants/").status_code == 302  # to the login page


def test_a_session_made_during_maintenance_moves_into_the_database_when_it_changes(settings):
    settings.MAINTENANCE_MODE = True
    store = SessionStore()
    store["_auth_user_id"] = "42"
    with read_only_database():
        store.save()
    signed = store.session_key
    assert ":" in signed and SessionStore(signed)["_auth_user_id"] == "42"

    settings.MAINTENANCE_MODE = False
    changed = SessionStore(signed)
    changed["seen"] = True
    changed.save()
    assert ":" not in changed.session_key
    assert dict(SessionStore(changed.session_key).items()) == {"_auth_user_id": "42", "seen": True}


def test_a_tampered_signed_session_is_no_session(settings):
    settings.MAINTENANCE_MODE = True
    store = SessionStore()
    store["_auth_user_id"] = "42"
    store.save()
    assert dict(SessionStore(store.session_key[:-2] + "xx").items()) == {}


def test_a_1x_password_hash_signs_in_during_maintenance_and_is_upgraded_after(settings, django_user_model):
    """A hash made with older parameters (a 1.x user's) is re-hashed by Django at login: not on a read-only database."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    old_hash = PBKDF2PasswordHasher().encode("from-1.x", PBKDF2PasswordHasher().salt(), iterations=1000)
    user = django_user_model.objects.create_user("veteran")
    django_user_model.objects.filter(pk=user.pk).update(password=old_hash)
    settings.MAINTENANCE_MODE = True
    with read_only_database():
        assert Client().post("/login/", {"username": "veteran", "password": "from-1.x"}).status_code == 302
    user.refresh_from_db()
    assert user.password == old_hash
    settings.MAINTENANCE_MODE = False
    assert Client().post("/login/", {"username": "veteran", "password": "from-1.x"}).status_code == 302
    user.refresh_from_db()
    assert user.password != old_hash and user.check_password("from-1.x")  # upgraded once writes are allowed


def test_logout_during_maintenance_ends_a_database_session_where_the_database_takes_it(settings, django_user_model):
    django_user_model.objects.create_user("leaver", password="pw")
    browser = Client()
    assert browser.post("/login/", {"username": "leaver", "password": "pw"}).status_code == 302
    cookie = browser.cookies["sessionid"].value
    assert ":" not in cookie  # a database session, made before the window
    settings.MAINTENANCE_MODE = True
    assert browser.post("/logout/").status_code == 302  # the database still takes writes: the row goes
    stolen = Client()
    stolen.cookies["sessionid"] = cookie
    assert stolen.get("/tenancy/tenants/").status_code == 302  # the old cookie signs nobody in any more
