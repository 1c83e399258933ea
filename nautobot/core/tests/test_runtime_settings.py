"""Runtime settings (django-constance, as 1.x) and the Django admin at /admin/.

An admin edits settings on the "Config" page (a real form POST); pages and the API of this process, and of other
processes (two real uWSGI services with two workers each), use the edited values without a restart; a value the
configuration defines wins; only staff reach /admin/, only superusers the Config page; users, API tokens and object
permissions can be managed there.
"""

import json
from html.parser import HTMLParser

import pytest
import requests
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from nautobot.core import runtime_settings
from nautobot.core.runtime_settings import get_settings_or_config
from nautobot.core.testing.processes import ADMIN_TOKEN, sign_in, wait_for

CONFIG_PAGE = "/admin/constance/config/"


class _FormFields(HTMLParser):
    """The values a browser would submit from the page's `changelist-form` (inputs, checkboxes, text areas)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") == "checkbox":
                if "checked" in attrs:
                    self.fields[name] = attrs.get("value") or "on"
            else:
                self.fields[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data.removeprefix("\n") if not self.fields[self._textarea] else data


def _form_fields(html: str) -> dict[str, str]:
    parser = _FormFields()
    parser.feed(html)
    return parser.fields


@pytest.fixture(autouse=True)
def _fresh_runtime_values():
    runtime_settings.forget()
    yield
    runtime_settings.forget()


# --- in one process (Django's test client) ---


@pytest.mark.django_db
def test_config_page_edits_apply_at_once(admin_client):
    from constance import config

    from nautobot.tenancy.models import Tenant

    Tenant.objects.bulk_create([Tenant(name=f"T{i:02}", slug=f"t{i:02}") for i in range(9)])
    page = admin_client.get(CONFIG_PAGE)
    assert page.status_code == 200
    fields = _form_fields(page.content.decode())
    assert fields["PAGINATE_COUNT"] == "50" and fields["BANNER_TOP"] == ""
    assert fields["PER_PAGE_DEFAULTS"] == "25, 50, 100, 250, 500, 1000"
    assert get_settings_or_config("PAGINATE_COUNT") == 50 and get_settings_or_config("BANNER_TOP") == ""

    fields.update(BANNER_TOP="Edited **at run time**", PAGINATE_COUNT="4", PER_PAGE_DEFAULTS="4, 8")
    answer = admin_client.post(CONFIG_PAGE, fields)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert (
        config.BANNER_TOP == "Edited **at run time**" and config.PAGINATE_COUNT == 4
    )  # `from constance import config`
    assert config.PER_PAGE_DEFAULTS == [4, 8]
    home = admin_client.get("/").content.decode()
    assert "Edited <strong>at run time</strong>" in home
    listed = admin_client.get("/api/tenancy/tenants/").json()
    assert listed["count"] == 9 and len(listed["results"]) == 4
    response = admin_client.get("/tenancy/tenants/")
    assert len(response.context["table"].page.object_list) == 4
    assert list(response.context["per_page_choices"]) == [4, 8]

    bad = admin_client.post(CONFIG_PAGE, {**fields, "PER_PAGE_DEFAULTS": "four"})
    assert bad.status_code == 200 and "numbers separated by commas" in bad.content.decode()


@pytest.mark.django_db
def test_a_value_the_configuration_defines_wins(admin_client, settings, tmp_path, monkeypatch):
    from constance import config

    from nautobot.core.testing.processes import load_config_file

    config.BANNER_TOP = "Edited"
    config.PAGINATE_COUNT = 3
    settings.BANNER_TOP = "From nautobot_config.py"
    assert get_settings_or_config("BANNER_TOP") == "From nautobot_config.py"
    assert get_settings_or_config("PAGINATE_COUNT") == 3
    home = admin_client.get("/").content.decode()
    assert "From nautobot_config.py" in home and "Edited" not in home
    page = admin_client.get(CONFIG_PAGE).content.decode()
    assert "Defined in nautobot_config.py (or NAUTOBOT_BANNER_TOP) as &#x27;From nautobot_config.py&#x27;" in page
    # Defined only by the file or by the variable; otherwise left to the runtime value.
    assert "PAGINATE_COUNT" not in load_config_file(tmp_path, monkeypatch, "")
    assert load_config_file(tmp_path, monkeypatch, "PAGINATE_COUNT = 7")["PAGINATE_COUNT"] == 7
    monkeypatch.setenv("NAUTOBOT_PAGINATE_COUNT", "9")
    monkeypatch.setenv("NAUTOBOT_BANNER_LOGIN", "Hello")
    loaded = load_config_file(tmp_path, monkeypatch, "")
    assert loaded["PAGINATE_COUNT"] == 9 and loaded["BANNER_LOGIN"] == "Hello"


def test_the_runtime_settings_of_1_6():
    from django.conf import settings

    from nautobot.utilities.config import get_settings_or_config as get_1x

    assert get_1x is get_settings_or_config
    assert sorted(settings.CONSTANCE_CONFIG) == [
        "ALLOW_REQUEST_PROFILING", "BANNER_BOTTOM", "BANNER_LOGIN", "BANNER_TOP", "CHANGELOG_RETENTION",
        "DEPLOYMENT_ID", "DISABLE_PREFIX_LIST_HIERARCHY", "DYNAMIC_GROUPS_MEMBER_CACHE_TIMEOUT", "HIDE_RESTRICTED_UI",
        "MAX_PAGE_SIZE", "NETWORK_DRIVERS", "PAGINATE_COUNT", "PER_PAGE_DEFAULTS", "PREFER_IPV4",
        "RACK_ELEVATION_DEFAULT_UNIT_HEIGHT", "RACK_ELEVATION_DEFAULT_UNIT_WIDTH", "RELEASE_CHECK_TIMEOUT",
        "RELEASE_CHECK_URL", "SUPPORT_MESSAGE",
    ]  # fmt: skip
    defaults = {name: options[0] for name, options in settings.CONSTANCE_CONFIG.items()}
    assert defaults["MAX_PAGE_SIZE"] == 1000 and defaults["CHANGELOG_RETENTION"] == 90
    assert defaults["RACK_ELEVATION_DEFAULT_UNIT_WIDTH"] == 230 and defaults["RELEASE_CHECK_TIMEOUT"] == 86400
    assert sorted(n for names in settings.CONSTANCE_CONFIG_FIELDSETS.values() for n in names) == sorted(defaults)
    assert settings.CONSTANCE_BACKEND == "constance.backends.database.DatabaseBackend"
    assert settings.CONSTANCE_DATABASE_PREFIX == "constance:nautobot:"
    assert settings.CONSTANCE_IGNORE_ADMIN_VERSION_CHECK is True
    # The test configuration's cache is private to each process (LocMemCache): constance does not use it.
    assert settings.CONSTANCE_DATABASE_CACHE_BACKEND is None
    assert get_settings_or_config("NO_SUCH_SETTING", "fallback") == "fallback"


# --- /admin/ ---


@pytest.mark.django_db
def test_only_superusers_reach_the_admin(django_user_model):
    anonymous = Client()
    answer = anonymous.get("/admin/")
    assert answer.status_code == 302 and answer["Location"].startswith("/login/")
    user = django_user_model.objects.create_user("plain", password="pw")
    client = Client()
    client.force_login(user)
    answer = client.get("/admin/")
    assert answer.status_code == 302 and answer["Location"].startswith("/admin/login/")
    assert client.get(CONFIG_PAGE).status_code == 302
    # Staff is not enough (an object permission grant would reach every object there): superusers only.
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_token", "change_user", "add_token"]))
    for path in ("/admin/", "/admin/users/token/", "/admin/users/user/", CONFIG_PAGE):
        answer = client.get(path)
        assert answer.status_code == 302 and answer["Location"].startswith("/admin/login/"), path
    user.is_superuser = True
    user.save()
    assert client.get("/admin/").status_code == 200 and client.get(CONFIG_PAGE).status_code == 200


@pytest.mark.django_db
def test_users_tokens_and_permissions_in_the_admin(admin_client, django_user_model):
    from nautobot.users.models import ObjectPermission, Token

    index = admin_client.get("/admin/").content.decode()
    for path in ("/admin/users/user/", "/admin/auth/group/", "/admin/users/token/", "/admin/users/objectpermission/"):
        assert f'href="{path}"' in index, path
        assert admin_client.get(path).status_code == 200, path
    assert f'href="{CONFIG_PAGE}"' in index

    answer = admin_client.post(
        "/admin/users/user/add/",
        {"username": "operator", "usable_password": "true", "password1": "Xy7!long-pass", "password2": "Xy7!long-pass"},
    )
    assert answer.status_code == 302, answer.content.decode()[:3000]
    user = django_user_model.objects.get(username="operator")
    assert user.check_password("Xy7!long-pass")

    answer = admin_client.post(
        "/admin/users/token/add/", {"user": str(user.pk), "key": "", "write_enabled": "on", "description": "CI"}
    )
    assert answer.status_code == 302, answer.content.decode()[:3000]
    token = Token.objects.get(user=user)
    assert len(token.key) == 40 and token.description == "CI"
    page = admin_client.get(f"/admin/users/token/{token.pk}/change/").content.decode()
    assert token.key not in page and f"…{token.key[-6:]}" in page  # a saved key is never shown again

    tenant_type = ContentType.objects.get(app_label="tenancy", model="tenant")
    answer = admin_client.post(
        "/admin/users/objectpermission/add/",
        {
            "name": "Read tenants",
            "enabled": "on",
            "object_types": [str(tenant_type.pk)],
            "users": [str(user.pk)],
            "actions": json.dumps(["view"]),
            "constraints": "",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:3000]
    assert ObjectPermission.objects.get(name="Read tenants").actions == ["view"]
    user = django_user_model.objects.get(pk=user.pk)
    assert user.has_perm("tenancy.view_tenant") and not user.has_perm("tenancy.change_tenant")
    client = Client()
    client.force_login(user)
    assert client.get("/tenancy/tenants/").status_code == 200
    assert not Permission.objects.filter(user=user).exists()  # granted by the object permission alone


@pytest.mark.django_db
def test_a_1x_apps_admin_module_registers_on_the_admin(admin_client):
    from example_app_1x.models import ExchangeRole

    assert 'href="/admin/example_app_1x/exchangerole/"' in admin_client.get("/admin/").content.decode()
    answer = admin_client.post(
        "/admin/example_app_1x/exchangerole/add/", {"name": "Peering", "slug": "peering", "color": "9e9e9e"}
    )
    assert answer.status_code == 302, answer.content.decode()[:3000]
    assert ExchangeRole.objects.get(slug="peering").name == "Peering"
    assert "Peering" in admin_client.get("/admin/example_app_1x/exchangerole/").content.decode()


# --- across processes (real uWSGI services) ---


def _login(url: str) -> requests.Session:
    return sign_in(url, "admin", "admin")[0]


@pytest.mark.slow
def test_an_edit_reaches_every_process_without_a_restart(make_deployment):
    deployment = make_deployment("postgres-redis")
    deployment.add_superuser("admin", "admin", token=ADMIN_TOKEN)
    deployment.shell(
        "from nautobot.tenancy.models import Tenant\n"
        "Tenant.objects.bulk_create([Tenant(name=f'T{i:02}', slug=f't{i:02}') for i in range(7)])"
    )
    deployment.server("collectstatic", "--no-input")
    editing = deployment.start_web(processes=2, threads=2)
    # Another service on the same database, whose environment defines one of the runtime settings.
    deployment.env["NAUTOBOT_BANNER_BOTTOM"] = "Bottom from the environment"
    other = deployment.start_web(processes=2, threads=2)
    api = {"Authorization": f"Token {ADMIN_TOKEN}", "Accept": "application/json"}
    assert len(requests.get(f"{other}/api/tenancy/tenants/", headers=api, timeout=30).json()["results"]) == 7
    assert requests.get(f"{editing}/static/admin/css/base.css", timeout=30).status_code == 200  # collected

    admin = _login(editing)
    page = admin.get(f"{editing}{CONFIG_PAGE}", timeout=30)
    assert page.status_code == 200 and "BANNER_TOP" in page.text
    fields = _form_fields(page.text)
    fields.update(BANNER_TOP="Maintenance window on *Friday*", BANNER_BOTTOM="Bottom edited", PAGINATE_COUNT="3")
    saved = admin.post(f"{editing}{CONFIG_PAGE}", fields, headers={"Referer": f"{editing}{CONFIG_PAGE}"}, timeout=30)
    assert saved.status_code == 200 and "Live settings updated successfully" in saved.text

    def other_has_it() -> bool:
        listed = requests.get(f"{other}/api/tenancy/tenants/", headers=api, timeout=30).json()
        return (
            len(listed["results"]) == 3
            and "Maintenance window on <em>Friday</em>"
            in _login(other).get(f"{other}/tenancy/tenants/", timeout=30).text
        )

    wait_for(other_has_it, timeout=60, what="the edited settings on the other service")
    page = _login(other).get(f"{other}/tenancy/tenants/", timeout=30).text
    assert "Bottom from the environment" in page and "Bottom edited" not in page  # its environment wins there

    def every_answer_has_it() -> bool:  # several requests, so that both workers of the editing service answer
        answers = [requests.get(f"{editing}/api/tenancy/tenants/", headers=api, timeout=30).json() for _ in range(6)]
        return all(a["count"] == 7 and len(a["results"]) == 3 for a in answers)

    wait_for(every_answer_has_it, timeout=60, what="the edited page size on the editing service")
    wait_for(
        lambda: "Bottom edited" in admin.get(f"{editing}/tenancy/tenants/", timeout=30).text,
        timeout=60,
        what="the edited bottom banner on the editing service",
    )

    # A custom field made on one service shows in the other's GraphQL as `cf_<name>` (1.6 needed a restart).
    graphql = f"{other}/api/graphql/"
    query = {"query": '{ tenants(slug: "t00") { slug cf_contract } }'}
    assert requests.post(graphql, json=query, headers=api, timeout=30).status_code == 400  # no such field yet
    made = requests.post(
        f"{editing}/api/extras/custom-fields/",
        json={"name": "contract", "type": "text", "content_types": ["tenancy.tenant"]},
        headers=api,
        timeout=30,
    )
    assert made.status_code == 201, made.text
    answers = lambda: [requests.post(graphql, json=query, headers=api, timeout=30) for _ in range(4)]  # noqa: E731
    wait_for(
        lambda: all(
            a.status_code == 200 and a.json()["data"]["tenants"] == [{"slug": "t00", "cf_contract": None}]
            for a in answers()
        ),
        timeout=60,
        what="cf_contract in every process of the other service",
    )


@pytest.mark.django_db
def test_every_reader_takes_the_runtime_value(admin_client):
    """PREFER_IPV4, the rack elevation's unit size, CHANGELOG_RETENTION, HIDE_RESTRICTED_UI, MAX_PAGE_SIZE,
    SUPPORT_MESSAGE and BANNER_LOGIN as edited (constance), with nothing in the settings."""
    from datetime import timedelta

    from constance import config
    from django.utils import timezone

    from nautobot.dcim.tests import builders as b
    from nautobot.extras.changelog import change_context
    from nautobot.extras.changelog.models import ObjectChange
    from nautobot.extras.changelog.tasks import purge_object_changes
    from nautobot.ipam.tests import builders as ib
    from nautobot.tenancy.models import Tenant

    device = b.device()
    interface = b.interface(device=device)
    device.primary_ip4 = ib.ip_address("192.0.2.30/24", interface=interface)
    device.primary_ip6 = ib.ip_address("2001:db8::30/64", interface=interface)
    device.save()
    assert device.primary_ip == device.primary_ip6
    config.PREFER_IPV4 = True
    assert device.primary_ip == device.primary_ip4

    rack = b.rack(u_height=4)
    svg = admin_client.get(f"/api/dcim/racks/{rack.pk}/elevation/?render=svg&legend_width=0").content.decode()
    assert 'width="232"' in svg  # 230 + 2
    config.RACK_ELEVATION_DEFAULT_UNIT_WIDTH = 300
    config.RACK_ELEVATION_DEFAULT_UNIT_HEIGHT = 30
    svg = admin_client.get(f"/api/dcim/racks/{rack.pk}/elevation/?render=svg&legend_width=0").content.decode()
    assert 'width="302"' in svg and f'height="{30 * 4 + 2 + 20}"' in svg

    with change_context():
        Tenant.objects.create(name="Changed", slug="changed")
    ObjectChange.objects.update(time=timezone.now() - timedelta(days=10))
    assert ObjectChange.objects.exists() and purge_object_changes() == 0  # 90 days
    config.CHANGELOG_RETENTION = 5
    assert purge_object_changes() >= 1 and not ObjectChange.objects.exists()

    Tenant.objects.bulk_create([Tenant(name=f"T{i:02}", slug=f"t{i:02}") for i in range(5)])
    config.MAX_PAGE_SIZE = 2
    assert len(admin_client.get("/api/tenancy/tenants/?limit=50").json()["results"]) == 2

    config.SUPPORT_MESSAGE = "Ask the **NOC**"
    assert "Ask the <strong>NOC</strong>" in admin_client.get("/no/such/page/").content.decode()
    config.BANNER_LOGIN = "Authorised users *only*"
    assert "Authorised users <em>only</em>" in Client().get("/login/").content.decode()
