"""LDAP sign-in on a live installation (uWSGI, PostgreSQL) whose `nautobot_config.py` is written as Nautobot 1.x's
LDAP guide writes it (`import ldap`, `django_auth_ldap.config`), against a real slapd on loopback."""

import textwrap

import pytest
import requests

from nautobot.core.testing.ldap import ADMIN_DN, ADMIN_PASSWORD, GROUPS, PEOPLE, SlapdServer, group_dn
from nautobot.core.testing.processes import sign_in

pytestmark = pytest.mark.slow

CONFIG_1X = """
import ldap
from django_auth_ldap.config import LDAPSearch, GroupOfNamesType

AUTHENTICATION_BACKENDS = [
    "django_auth_ldap.backend.LDAPBackend",
    "nautobot.core.authentication.ObjectPermissionBackend",
]
AUTH_LDAP_SERVER_URI = "{uri}"
AUTH_LDAP_START_TLS = True
AUTH_LDAP_CONNECTION_OPTIONS = {{ldap.OPT_X_TLS_CACERTFILE: "{ca}", ldap.OPT_X_TLS_NEWCTX: 0}}
AUTH_LDAP_BIND_DN = "{bind_dn}"
AUTH_LDAP_BIND_PASSWORD = "{bind_password}"
AUTH_LDAP_USER_SEARCH = LDAPSearch("{people}", ldap.SCOPE_SUBTREE, "(uid=%(user)s)")
AUTH_LDAP_USER_ATTR_MAP = {{"first_name": "givenName", "last_name": "sn", "email": "mail"}}
AUTH_LDAP_GROUP_SEARCH = LDAPSearch("{groups}", ldap.SCOPE_SUBTREE, "(objectClass=groupOfNames)")
AUTH_LDAP_GROUP_TYPE = GroupOfNamesType()
AUTH_LDAP_REQUIRE_GROUP = "{required}"
AUTH_LDAP_USER_FLAGS_BY_GROUP = {{"is_staff": "{admins}", "is_superuser": "{admins}"}}
AUTH_LDAP_MIRROR_GROUPS = True
AUTH_LDAP_CACHE_TIMEOUT = 0
EXTERNAL_AUTH_DEFAULT_PERMISSIONS = {{"users.add_token": None, "users.view_token": None}}
"""

GRANT = """
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from nautobot.dcim.models import Site
from nautobot.extras.models import Status
from nautobot.users.models import ObjectPermission
active = Status.objects.get_or_create(slug="active", defaults={"name": "Active"})[0]
for name in ("par1", "ams1"):
    Site.objects.create(name=name, slug=name, status=active)
grant = ObjectPermission.objects.create(name="netops sites", actions=["view"], constraints={"slug": "par1"})
grant.object_types.add(ContentType.objects.get_for_model(Site))
grant.groups.add(Group.objects.get_or_create(name="netops")[0])
"""


def test_ldap_sign_in_on_a_live_installation(make_deployment, tmp_path):
    slapd = SlapdServer(tmp_path / "slapd")
    slapd.start()
    try:
        deployment = make_deployment("postgres-redis")
        config = CONFIG_1X.format(
            uri=slapd.uri, ca=slapd.ca_file, bind_dn=ADMIN_DN, bind_password=ADMIN_PASSWORD, people=PEOPLE,
            groups=GROUPS, required=group_dn("nautobot-users"), admins=group_dn("nautobot-admins"),
        )  # fmt: skip
        with open(deployment.root / "nautobot_config.py", "a") as file:
            file.write(textwrap.dedent(config))
        assert "AUTH_LDAP" not in deployment.server("check").stderr  # no setting of the guide is refused
        deployment.shell(GRANT)
        url = deployment.start_web(processes=2, threads=2, timeout=60)

        # The login page: alice is created, mirrored into netops, and sees what netops may see.
        browser, _ = sign_in(url, "alice", "alice-pass", next_url="/dcim/sites/")
        page = browser.get(f"{url}/dcim/sites/", timeout=30).text
        assert "par1" in page and "ams1" not in page
        shown = deployment.shell(
            "from nautobot.users.models import User\nu = User.objects.get(username='alice')\n"
            "print(u.email, sorted(g.name for g in u.groups.all()), u.is_superuser)"
        )
        assert shown == "alice@example.com ['nautobot-users', 'netops'] False"

        # The API: a token provisioned with basic auth (1.x's `curl -u`), then used.
        response = requests.post(f"{url}/api/users/tokens/", json={}, auth=("alice", "alice-pass"), timeout=30)
        assert response.status_code == 201, response.text
        headers = {"Authorization": f"Token {response.json()['key']}", "Accept": "application/json"}
        sites = requests.get(f"{url}/api/dcim/sites/", headers=headers, timeout=30).json()["results"]
        assert [s["name"] for s in sites] == ["par1"]
        wrong = requests.post(f"{url}/api/users/tokens/", json={}, auth=("alice", "nope"), timeout=30)
        assert wrong.status_code == 403 and wrong.json() == {"detail": "Invalid username/password."}

        # carol is an admin by group; bob is not in the required group.
        sign_in(url, "carol", "carol-pass")
        assert deployment.shell("from nautobot.users.models import User\nprint(User.objects.get(username='carol').is_superuser)") == "True"  # fmt: skip
        refused = requests.post(f"{url}/api/users/tokens/", json={}, auth=("bob", "bob-pass"), timeout=30)
        assert refused.status_code == 403

        # alice leaves the required group in the directory: her next sign-in fails, and her token stops.
        slapd.remove_member("nautobot-users", "alice")
        with pytest.raises(AssertionError, match="sign-in as alice failed: 200"):
            sign_in(url, "alice", "alice-pass")
        stopped = requests.get(f"{url}/api/dcim/sites/", headers=headers, timeout=30)
        assert stopped.status_code in (401, 403) and stopped.json() == {"detail": "User inactive"}
    finally:
        slapd.stop()
