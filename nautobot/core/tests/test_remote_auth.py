"""Sign-in by a reverse proxy's remote-user header (1.x's `RemoteUserBackend`, `REMOTE_AUTH_*`): in-process with the
header in the request, and behind a real nginx that checks passwords itself (`auth_basic`) in front of uWSGI."""

import base64
import hashlib

import pytest
import requests
from django.contrib.auth.models import Group
from django.test import Client

from nautobot.core.settings_funcs import remote_auth_enabled
from nautobot.core.testing.processes import free_port, nginx, wait_for
from nautobot.users.models import User

REMOTE_BACKENDS = [
    "nautobot.core.authentication.RemoteUserBackend",
    "nautobot.core.authentication.ObjectPermissionBackend",
]


@pytest.fixture
def remote(settings, db):
    settings.AUTHENTICATION_BACKENDS = REMOTE_BACKENDS
    settings.REMOTE_AUTH_AUTO_CREATE_USER = True
    settings.REMOTE_AUTH_HEADER = "HTTP_REMOTE_USER"
    settings.EXTERNAL_AUTH_DEFAULT_GROUPS = ["readers"]
    settings.EXTERNAL_AUTH_DEFAULT_PERMISSIONS = {"dcim.view_site": None}
    Group.objects.create(name="readers")
    return settings


def signed_in_as(client: Client) -> str | None:
    response = client.get("/dcim/sites/")
    if response.status_code != 200:
        return None
    return response.wsgi_request.user.get_username()


def test_the_header_signs_in_a_new_user_with_the_external_defaults(remote):
    assert remote_auth_enabled(REMOTE_BACKENDS) and not remote_auth_enabled(["x.Backend"])
    client = Client(HTTP_REMOTE_USER="carol")
    assert signed_in_as(client) == "carol"
    user = User.objects.get(username="carol")
    assert [g.name for g in user.groups.all()] == ["readers"]
    assert [p.name for p in user.object_permissions.all()] == ["dcim.view_site (external default)"]
    # As 1.x (force_logout_if_no_header = False): the session stays when a later request lacks the header.
    client.defaults.pop("HTTP_REMOTE_USER")
    assert signed_in_as(client) == "carol"


def test_without_auto_create_only_existing_users_sign_in(remote):
    remote.REMOTE_AUTH_AUTO_CREATE_USER = False
    User.objects.create_user("dave")
    assert signed_in_as(Client(HTTP_REMOTE_USER="nobody-yet")) is None
    assert not User.objects.filter(username="nobody-yet").exists()
    assert signed_in_as(Client(HTTP_REMOTE_USER="dave")) == "dave"


def test_remote_auth_header_names_the_header(remote):
    remote.REMOTE_AUTH_HEADER = "HTTP_X_PROXY_USER"
    assert signed_in_as(Client(HTTP_X_PROXY_USER="erin")) == "erin"
    assert signed_in_as(Client(HTTP_REMOTE_USER="frank")) is None


def test_without_the_backend_the_header_is_ignored(remote):
    remote.AUTHENTICATION_BACKENDS = ["nautobot.core.authentication.ObjectPermissionBackend"]
    assert signed_in_as(Client(HTTP_REMOTE_USER="mallory")) is None
    assert not User.objects.filter(username="mallory").exists()


def test_trusted_proxies_limit_who_may_send_the_header(remote):
    remote.REMOTE_AUTH_TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.10"]
    assert signed_in_as(Client(REMOTE_ADDR="10.1.2.3", HTTP_REMOTE_USER="grace")) == "grace"
    assert signed_in_as(Client(REMOTE_ADDR="192.0.2.10", HTTP_REMOTE_USER="heidi")) == "heidi"
    assert signed_in_as(Client(REMOTE_ADDR="192.0.2.11", HTTP_REMOTE_USER="mallory")) is None
    assert not User.objects.filter(username="mallory").exists()


def test_config_check_warns_without_trusted_proxies_and_refuses_a_bad_one(tmp_path, monkeypatch):
    from nautobot.core.config import ConfigError
    from nautobot.core.testing.processes import load_config_file

    with pytest.raises(ConfigError, match="REMOTE_AUTH_TRUSTED_PROXIES: 'not-a-net' is not an IP address"):
        load_config_file(tmp_path, monkeypatch, 'REMOTE_AUTH_TRUSTED_PROXIES = ["10.0.0.0/8", "not-a-net"]\n')
    loaded = load_config_file(tmp_path, monkeypatch, f"AUTHENTICATION_BACKENDS = {REMOTE_BACKENDS!r}\n")
    assert loaded["AUTHENTICATION_BACKENDS"][1:] == REMOTE_BACKENDS  # the failed-login limit goes first
    assert loaded["REFUSED_SETTINGS"] == []


# --- behind a real nginx ---

LOCATIONS = """\
        location / {{
            auth_basic "Nautobot";
            auth_basic_user_file {htpasswd};
            proxy_bind 127.0.0.2;
            proxy_set_header Host $host;
            proxy_set_header Remote-User $remote_user;
            proxy_pass http://127.0.0.1:{uwsgi_port};
        }}"""


@pytest.mark.slow
def test_behind_nginx_the_proxy_user_is_signed_in_and_a_forged_header_is_not(make_deployment):
    deployment = make_deployment("embedded")
    with open(deployment.root / "nautobot_config.py", "a") as config:
        config.write(
            f"\nAUTHENTICATION_BACKENDS = {REMOTE_BACKENDS!r}\n"
            "REMOTE_AUTH_AUTO_CREATE_USER = True\n"
            'REMOTE_AUTH_HEADER = "HTTP_REMOTE_USER"\n'
            'EXTERNAL_AUTH_DEFAULT_GROUPS = ["readers"]\n'
            'EXTERNAL_AUTH_DEFAULT_PERMISSIONS = {"dcim.view_site": None}\n'
        )
    check = deployment.server("config", "check").stdout
    assert "remote-user sign-in is on and REMOTE_AUTH_TRUSTED_PROXIES is empty" in check, check
    with open(deployment.root / "nautobot_config.py", "a") as config:
        config.write('REMOTE_AUTH_TRUSTED_PROXIES = ["127.0.0.2/32"]  # nginx connects from there (proxy_bind)\n')
    assert "REMOTE_AUTH_TRUSTED_PROXIES" not in deployment.server("config", "check").stdout
    deployment.shell("from django.contrib.auth.models import Group\nGroup.objects.create(name='readers')")
    htpasswd = deployment.root / "htpasswd"
    hashed = base64.b64encode(hashlib.sha1(b"proxy-pass").digest()).decode()  # nginx's {SHA} scheme
    htpasswd.write_text(f"ivan:{{SHA}}{hashed}\n")
    uwsgi_port = free_port()
    deployment.spawn("start", f"--http-socket=127.0.0.1:{uwsgi_port}", "--master", "--processes=1", "--die-on-term",
                     log_name="web")  # fmt: skip
    direct = f"http://127.0.0.1:{uwsgi_port}"
    wait_for(lambda: requests.get(f"{direct}/health/live/", timeout=5).status_code == 200, timeout=90, what="uWSGI")
    with nginx(deployment.root, LOCATIONS.format(htpasswd=htpasswd, uwsgi_port=uwsgi_port)) as port:
        proxied = f"http://127.0.0.1:{port}"
        assert requests.get(f"{proxied}/dcim/sites/", timeout=30).status_code == 401  # nginx asks for a password
        page = requests.get(f"{proxied}/dcim/sites/", auth=("ivan", "proxy-pass"), allow_redirects=False, timeout=30)
        assert page.status_code == 200, (page.status_code, deployment.log("web")[-2000:])
        assert "ivan" in page.text
        # Straight to uWSGI: no header, not signed in; a forged header from 127.0.0.1 (not a trusted proxy) neither.
        for headers in ({}, {"Remote-User": "ivan"}, {"Remote-User": "admin-forged"}):
            answer = requests.get(f"{direct}/dcim/sites/", headers=headers, allow_redirects=False, timeout=30)
            assert answer.status_code == 302 and "/login/" in answer.headers["Location"], headers
    made = deployment.shell(
        "from nautobot.users.models import User\n"
        "u = User.objects.get(username='ivan')\n"
        "print([g.name for g in u.groups.all()], User.objects.filter(username='admin-forged').exists())"
    )
    assert made == "['readers'] False"
    assert "not a trusted proxy" in deployment.log("web")
