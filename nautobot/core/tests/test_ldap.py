"""LDAP sign-in configured as Nautobot 1.x's LDAP guide does (django-auth-ldap), against a real slapd on loopback
(`nautobot.core.testing.ldap.SlapdServer`: alice in nautobot-users and netops, bob only in netops, carol in
nautobot-users and nautobot-admins, dave in nautobot-users under another branch). Each test has its own slapd."""

import base64
import logging

import ldap
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.test import Client
from django_auth_ldap.backend import LDAPBackend
from django_auth_ldap.config import GroupOfNamesType, LDAPSearch

from nautobot.core.testing.ldap import ADMIN_DN, ADMIN_PASSWORD, GROUPS, PEOPLE, SlapdServer, group_dn, user_dn
from nautobot.core.testing.processes import load_config_file
from nautobot.dcim.models import Site
from nautobot.extras.models import Status
from nautobot.users.models import ObjectPermission, Token, User

pytestmark = pytest.mark.django_db
LDAP_BACKEND = "django_auth_ldap.backend.LDAPBackend"
REFUSED = "Your username and password didn"  # the login page's message for any refusal


class LDAPBackendSecondary(LDAPBackend):
    """A second directory, as 1.x's guide defines one in an app: its settings are `AUTH_LDAP_SECONDARY_*`."""

    settings_prefix = "AUTH_LDAP_SECONDARY_"


@pytest.fixture
def slapd(tmp_path):
    server = SlapdServer(tmp_path / "slapd")
    server.start()
    yield server
    server.stop()


def ldap_settings(slapd: SlapdServer, prefix: str = "AUTH_LDAP_") -> dict:
    """The guide's configuration, pointed at `slapd`."""
    names = {
        "SERVER_URI": slapd.uri,
        "BIND_DN": ADMIN_DN,
        "BIND_PASSWORD": ADMIN_PASSWORD,
        "USER_SEARCH": LDAPSearch(PEOPLE, ldap.SCOPE_SUBTREE, "(uid=%(user)s)"),
        "USER_ATTR_MAP": {"first_name": "givenName", "last_name": "sn", "email": "mail"},
        "GROUP_SEARCH": LDAPSearch(GROUPS, ldap.SCOPE_SUBTREE, "(objectClass=groupOfNames)"),
        "GROUP_TYPE": GroupOfNamesType(),
        "REQUIRE_GROUP": group_dn("nautobot-users"),
        "USER_FLAGS_BY_GROUP": {"is_staff": group_dn("nautobot-admins"), "is_superuser": group_dn("nautobot-admins")},
        "MIRROR_GROUPS": True,
        "CACHE_TIMEOUT": 0,
    }
    return {prefix + name: value for name, value in names.items()}


@pytest.fixture
def directory(settings, slapd):
    """Sign-in through `slapd`, then the local accounts (1.x's AUTHENTICATION_BACKENDS)."""
    settings.AUTHENTICATION_BACKENDS = [LDAP_BACKEND, "nautobot.core.authentication.ObjectPermissionBackend"]
    for name, value in ldap_settings(slapd).items():
        setattr(settings, name, value)
    return settings


def log_in(username: str, password: str) -> tuple[Client, str]:
    """Submit the login form; the client and the error shown ("" when signed in)."""
    client = Client()
    response = client.post("/login/", {"username": username, "password": password})
    if response.status_code == 302:
        return client, ""
    assert response.status_code == 200, response.status_code
    return client, response.content.decode()


def basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def provision_token(username: str, password: str):
    """1.x's `curl -u user:password -X POST /api/users/tokens/`."""
    return Client().post(
        "/api/users/tokens/", data="{}", content_type="application/json", HTTP_AUTHORIZATION=basic(username, password)
    )


def site_names(client: Client, **headers) -> list[str]:
    response = client.get("/api/dcim/sites/", **headers)
    assert response.status_code == 200, response.content
    return sorted(s["name"] for s in response.json()["results"])


@pytest.fixture
def sites():
    active = Status.objects.get_or_create(slug="active", defaults={"name": "Active"})[0]
    for name in ("par1", "ams1"):
        Site.objects.create(name=name, slug=name, status=active)


def grant_group(group: str, **constraints) -> None:
    grant = ObjectPermission.objects.create(name=f"{group} sites", actions=["view"], constraints=constraints or None)
    grant.object_types.add(Permission.objects.get(codename="view_site").content_type)
    grant.groups.add(Group.objects.get_or_create(name=group)[0])


def test_ldap_user_signs_in_through_the_login_form(directory, sites):
    directory.EXTERNAL_AUTH_DEFAULT_GROUPS = ["readers"]
    Group.objects.create(name="readers")
    client, error = log_in("alice", "alice-pass")
    assert not error
    alice = User.objects.get(username="alice")
    assert (alice.first_name, alice.last_name, alice.email) == ("Alice", "Anders", "alice@example.com")
    assert not alice.has_usable_password() and alice.external_backend == LDAP_BACKEND
    assert sorted(g.name for g in alice.groups.all()) == ["nautobot-users", "netops", "readers"]
    assert not (alice.is_staff or alice.is_superuser)
    # What the mirrored group's object permission allows, and nothing else.
    assert client.get("/dcim/sites/").status_code == 403
    grant_group("netops", slug="par1")
    page = client.get("/dcim/sites/").content.decode()
    assert "par1" in page and "ams1" not in page
    assert site_names(client) == ["par1"]


def test_wrong_password_and_a_user_outside_the_required_group_are_refused(directory):
    for username, password in (("alice", "wrong"), ("bob", "bob-pass"), ("nobody", "x")):
        _, error = log_in(username, password)
        assert REFUSED in error, (username, error[:500])
    assert not User.objects.exists()
    response = provision_token("bob", "bob-pass")  # 403 as 1.x answers (session auth comes first)
    assert response.status_code == 403 and response.json() == {"detail": "Invalid username/password."}


def test_flags_by_group_make_carol_staff_and_superuser(directory):
    for username in ("alice", "carol"):
        assert not log_in(username, f"{username}-pass")[1]
    carol, alice = User.objects.get(username="carol"), User.objects.get(username="alice")
    assert carol.is_staff and carol.is_superuser
    assert not (alice.is_staff or alice.is_superuser)


def test_the_api_provisions_a_token_with_ldap_credentials(directory, sites):
    directory.EXTERNAL_AUTH_DEFAULT_GROUPS = ["readers"]
    # As in 1.x, creating a token takes the `users.add_token` permission: here the defaults give it.
    directory.EXTERNAL_AUTH_DEFAULT_PERMISSIONS = {
        "dcim.view_site": {"slug": "ams1"},
        "users.add_token": None,
        "users.view_token": None,
    }
    Group.objects.create(name="readers")
    response = provision_token("alice", "alice-pass")
    assert response.status_code == 201, response.content
    token = response.json()
    assert len(token["key"]) == 40 and token["display"].endswith("(alice)") and token["write_enabled"] is True
    alice = User.objects.get(username="alice")
    # The first sign-in, even through the API, gets the external defaults and the mirrored groups.
    assert sorted(g.name for g in alice.groups.all()) == ["nautobot-users", "netops", "readers"]
    assert alice.last_login is not None
    assert site_names(Client(), HTTP_AUTHORIZATION=f"Token {token['key']}") == ["ams1"]
    refused = provision_token("alice", "wrong")
    assert refused.status_code == 403 and refused.json() == {"detail": "Invalid username/password."}


def test_removed_from_the_required_group_is_refused_and_its_tokens_stop(directory, slapd, sites, caplog):
    directory.EXTERNAL_AUTH_DEFAULT_PERMISSIONS = {"users.add_token": None}
    grant_group("nautobot-users")
    client, _ = log_in("alice", "alice-pass")
    key = provision_token("alice", "alice-pass").json()["key"]
    token_header = {"HTTP_AUTHORIZATION": f"Token {key}"}
    assert site_names(Client(), **token_header) == ["ams1", "par1"]
    # A wrong password changes nothing: the directory still accepts alice.
    assert REFUSED in log_in("alice", "wrong")[1]
    assert User.objects.get(username="alice").is_active
    slapd.remove_member("nautobot-users", "alice")
    with caplog.at_level(logging.WARNING, logger="nautobot.authentication"):
        assert REFUSED in log_in("alice", "alice-pass")[1]
    assert any("AUTH_LDAP_REQUIRE_GROUP" in r.getMessage() for r in caplog.records)
    assert not User.objects.get(username="alice").is_active
    response = Client().get("/api/dcim/sites/", **token_header)
    assert response.status_code in (401, 403) and response.json() == {"detail": "User inactive"}
    assert client.get("/dcim/sites/").status_code == 302  # the session ended too
    assert Token.objects.filter(key=key).exists()  # kept, for when an administrator reactivates the account


def test_deleted_from_the_directory_is_deactivated_but_local_accounts_never_are(directory, slapd):
    assert not log_in("carol", "carol-pass")[1]
    local = User.objects.create_user("admin", password="local-pass")
    slapd.delete(user_dn("carol"))
    assert REFUSED in log_in("carol", "carol-pass")[1]
    assert not User.objects.get(username="carol").is_active
    # A local account that fails (and that the directory does not know) stays as it was.
    assert REFUSED in log_in("admin", "wrong")[1]
    local.refresh_from_db()
    assert local.is_active and local.check_password("local-pass")
    assert not log_in("admin", "local-pass")[1]  # local accounts still sign in after LDAP


def test_an_unreachable_directory_deactivates_nobody(directory, slapd):
    assert not log_in("alice", "alice-pass")[1]
    slapd.stop()
    assert REFUSED in log_in("alice", "alice-pass")[1]
    assert User.objects.get(username="alice").is_active


def test_bind_dn_and_password_are_the_service_account(directory):
    directory.AUTH_LDAP_BIND_PASSWORD = "not-the-password"
    assert REFUSED in log_in("alice", "alice-pass")[1]  # the directory lets only signed-in accounts search
    directory.AUTH_LDAP_BIND_PASSWORD = ADMIN_PASSWORD
    assert not log_in("alice", "alice-pass")[1]


def test_user_dn_template_signs_in_without_a_search(directory):
    directory.AUTH_LDAP_USER_SEARCH = None
    directory.AUTH_LDAP_USER_DN_TEMPLATE = f"uid=%(user)s,{PEOPLE}"
    assert not log_in("alice", "alice-pass")[1]
    assert User.objects.get(username="alice").email == "alice@example.com"


def test_start_tls_with_the_guides_connection_options(directory, slapd):
    directory.AUTH_LDAP_START_TLS = True
    # Without the CA the server's certificate cannot be checked: no sign-in (so TLS is really negotiated).
    directory.AUTH_LDAP_CONNECTION_OPTIONS = {
        ldap.OPT_X_TLS_REQUIRE_CERT: ldap.OPT_X_TLS_DEMAND,
        ldap.OPT_X_TLS_NEWCTX: 0,
    }
    assert REFUSED in log_in("alice", "alice-pass")[1]
    directory.AUTH_LDAP_CONNECTION_OPTIONS = {ldap.OPT_X_TLS_CACERTFILE: str(slapd.ca_file), ldap.OPT_X_TLS_NEWCTX: 0}
    assert not log_in("alice", "alice-pass")[1]


def test_find_group_perms_gives_the_permissions_of_groups_named_like_the_ldap_groups(directory, sites):
    directory.AUTH_LDAP_MIRROR_GROUPS = False
    Group.objects.create(name="netops").permissions.add(Permission.objects.get(codename="view_site"))
    client, _ = log_in("alice", "alice-pass")
    assert not User.objects.get(username="alice").groups.exists()
    assert client.get("/dcim/sites/").status_code == 403
    directory.AUTH_LDAP_FIND_GROUP_PERMS = True
    client, _ = log_in("alice", "alice-pass")
    page = client.get("/dcim/sites/")
    assert page.status_code == 200 and "ams1" in page.content.decode() and "par1" in page.content.decode()


def test_no_new_users_and_always_update_user(directory, slapd):
    directory.AUTH_LDAP_NO_NEW_USERS = True
    assert REFUSED in log_in("alice", "alice-pass")[1]
    User.objects.create_user("alice")
    assert not log_in("alice", "alice-pass")[1]  # an existing user may sign in
    slapd.modify(f"dn: {user_dn('alice')}\nchangetype: modify\nreplace: mail\nmail: alice@new.example.com\n")
    directory.AUTH_LDAP_ALWAYS_UPDATE_USER = False
    log_in("alice", "alice-pass")
    assert User.objects.get(username="alice").email == "alice@example.com"
    directory.AUTH_LDAP_ALWAYS_UPDATE_USER = True
    log_in("alice", "alice-pass")
    assert User.objects.get(username="alice").email == "alice@new.example.com"


def test_cache_timeout_keeps_group_memberships(directory, slapd):
    directory.AUTH_LDAP_CACHE_TIMEOUT = 3600
    cache.clear()

    def mirrored() -> list[str]:
        assert not log_in("alice", "alice-pass")[1]
        return sorted(User.objects.get(username="alice").groups.values_list("name", flat=True))

    try:
        assert mirrored() == ["nautobot-users", "netops"]
        slapd.remove_member("netops", "alice")
        assert mirrored() == ["nautobot-users", "netops"]  # the groups are read from the cache for an hour
        cache.clear()
        assert mirrored() == ["nautobot-users"]
    finally:
        cache.clear()


def test_a_second_directory_through_an_app_backend(settings, slapd):
    """1.x's "Multiple LDAP Server Support": a subclass with `settings_prefix = "AUTH_LDAP_SECONDARY_"`."""
    path = f"{__name__}.LDAPBackendSecondary"
    settings.AUTHENTICATION_BACKENDS = [path, "nautobot.core.authentication.ObjectPermissionBackend"]
    for name, value in ldap_settings(slapd, prefix="AUTH_LDAP_SECONDARY_").items():
        setattr(settings, name, value)
    assert not log_in("alice", "alice-pass")[1]
    assert User.objects.get(username="alice").external_backend == path
    slapd.remove_member("nautobot-users", "alice")
    assert REFUSED in log_in("alice", "alice-pass")[1]
    assert not User.objects.get(username="alice").is_active


USER_SEARCH_DN_CONFIG = """
import os
import ldap
from django_auth_ldap.config import GroupOfNamesType, LDAPSearch, LDAPSearchUnion

AUTHENTICATION_BACKENDS = [
    "django_auth_ldap.backend.LDAPBackend",
    "nautobot.core.authentication.ObjectPermissionBackend",
]
AUTH_LDAP_SERVER_URI = "{uri}"
AUTH_LDAP_BIND_DN = "{bind_dn}"
AUTH_LDAP_BIND_PASSWORD = "{bind_password}"
AUTH_LDAP_USER_SEARCH_DN = os.getenv("NAUTOBOT_AUTH_LDAP_USER_SEARCH_DN", "")
if AUTH_LDAP_USER_SEARCH_DN != "":
    user_search_dn_list = str(AUTH_LDAP_USER_SEARCH_DN).split(";")
    ldapsearch_objects = []
    for sdn in user_search_dn_list:
        ldapsearch_objects.append(LDAPSearch(sdn.strip(), ldap.SCOPE_SUBTREE, "(uid=%(user)s)"))
    AUTH_LDAP_USER_SEARCH = LDAPSearchUnion(*ldapsearch_objects)
"""


def test_user_search_dn_from_the_environment_as_the_guide_writes_it(tmp_path, monkeypatch, settings, slapd):
    text = USER_SEARCH_DN_CONFIG.format(uri=slapd.uri, bind_dn=ADMIN_DN, bind_password=ADMIN_PASSWORD)
    loaded = load_config_file(
        tmp_path, monkeypatch, text, NAUTOBOT_AUTH_LDAP_USER_SEARCH_DN=f"{PEOPLE}; ou=contractors,dc=example,dc=com"
    )
    for name, value in loaded.items():
        if name.startswith("AUTH_LDAP_") or name == "AUTHENTICATION_BACKENDS":
            setattr(settings, name, value)
    settings.AUTH_LDAP_CACHE_TIMEOUT = 0
    for username in ("alice", "dave"):  # dave is under ou=contractors
        assert not log_in(username, f"{username}-pass")[1], username
    assert sorted(User.objects.values_list("username", flat=True)) == ["alice", "dave"]
