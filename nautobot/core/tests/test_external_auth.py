"""What a first login through an external backend (LDAP, SSO, remote user) gives: EXTERNAL_AUTH_DEFAULT_GROUPS and
EXTERNAL_AUTH_DEFAULT_PERMISSIONS, once. The real backends have their own tests; here a backend that signs in
anyone whose password is "from-elsewhere" stands for them."""

import logging

import pytest
from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.models import Group
from django.test import Client

from nautobot.users.models import ObjectPermission, User

pytestmark = pytest.mark.django_db
EXTERNAL = "nautobot.core.tests.test_external_auth.ElsewhereBackend"


class ElsewhereBackend(BaseBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if password != "from-elsewhere":
            return None
        return User.objects.get_or_create(username=username)[0]

    def get_user(self, user_id):
        return User.objects.filter(pk=user_id).first()


@pytest.fixture
def external(settings):
    settings.AUTHENTICATION_BACKENDS = [EXTERNAL, "nautobot.core.authentication.ObjectPermissionBackend"]
    settings.EXTERNAL_AUTH_DEFAULT_GROUPS = ["readers", "missing-group"]
    settings.EXTERNAL_AUTH_DEFAULT_PERMISSIONS = {"dcim.view_site": None, "dcim.change_site": {"slug": "lab"}}
    Group.objects.create(name="readers")
    return settings


def sign_in(username: str, password: str) -> Client:
    client = Client()
    response = client.post("/login/", {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client


def test_a_first_external_login_gets_the_defaults_once(external, caplog):
    with caplog.at_level(logging.ERROR, logger="nautobot.authentication"):
        client = sign_in("ext-user", "from-elsewhere")
    user = User.objects.get(username="ext-user")
    assert [g.name for g in user.groups.all()] == ["readers"]
    assert any("missing-group" in r.getMessage() for r in caplog.records)  # named, not made
    assert sorted(p.name for p in user.object_permissions.all()) == [
        "dcim.change_site (external default)",
        "dcim.view_site (external default)",
    ]
    change = ObjectPermission.objects.get(name="dcim.change_site (external default)")
    assert change.actions == ["change"] and change.constraints == {"slug": "lab"}
    assert client.get("/dcim/sites/").status_code == 200  # the permission works as any other
    # An administrator takes the group away: the next login does not give it back, nor add permissions.
    user.groups.clear()
    sign_in("ext-user", "from-elsewhere")
    assert not user.groups.exists()
    assert ObjectPermission.objects.filter(name__endswith="(external default)").count() == 2
    # A second external user shares the same two permissions.
    sign_in("ext-other", "from-elsewhere")
    other = User.objects.get(username="ext-other")
    assert other.object_permissions.count() == 2 and ObjectPermission.objects.count() == 2


def test_a_local_login_gets_no_defaults(external):
    User.objects.create_user("local-user", password="local-pass")
    sign_in("local-user", "local-pass")
    user = User.objects.get(username="local-user")
    assert not user.groups.exists() and not user.object_permissions.exists()


def test_a_malformed_default_permission_is_logged_and_skipped(external, caplog):
    external.EXTERNAL_AUTH_DEFAULT_PERMISSIONS = {"not-a-permission": None, "dcim.view_nothing": None}
    with caplog.at_level(logging.ERROR, logger="nautobot.authentication"):
        sign_in("ext-bad", "from-elsewhere")
    messages = [r.getMessage() for r in caplog.records]
    assert sum("Invalid permission name" in m for m in messages) == 2, messages
    assert not ObjectPermission.objects.exists()
