"""Every 1.6 setting works here or is refused in one line (`nautobot.core.settings_catalog`), and the behaviour of
those the catalog says work, where no other test shows it."""

import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.template import Context, Template
from django.test import Client
from django.utils import timezone

import nautobot
from nautobot.core import settings_catalog
from nautobot.core.config import ConfigError
from nautobot.core.settings_catalog import READONLY, REFUSED, SETTINGS, WORKS
from nautobot.core.testing.processes import load_config_file

REPO = Path(__file__).resolve().parents[3]
NAMES_16 = [
    line.strip()
    for line in (Path(__file__).parent / "settings_1_6_names.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
]


# --- the catalog itself ---


def test_every_setting_of_1_6_is_in_the_catalog():
    assert len(NAMES_16) == 205
    assert [name for name in NAMES_16 if name not in settings_catalog.BY_NAME] == []
    assert len(settings_catalog.BY_NAME) == len(SETTINGS)  # no name twice


@pytest.mark.parametrize(
    "setting", [s for s in (*SETTINGS, *settings_catalog.OWN_SETTINGS) if s.state != REFUSED], ids=lambda s: s.name
)
def test_each_working_setting_names_a_test_that_exists(setting):
    path, _, function = setting.test.partition("::")
    assert function, setting.test
    assert f"def {function}(" in (REPO / path).read_text(), f"{setting.name}: {setting.test} does not exist"


def test_the_readme_table_is_the_catalog():
    readme = (REPO / "README.md").read_text()
    assert settings_catalog.readme_table() in readme, (
        "regenerate it: python -m nautobot.core.settings_catalog --write-readme"
    )


@pytest.mark.parametrize(
    "setting",
    [s for s in SETTINGS if s.state == WORKS and s.test.endswith("::test_library_reads_the_setting")],
    ids=lambda s: s.name,
)
def test_library_reads_the_setting(setting, tmp_path, monkeypatch):
    """A working setting set in the file reaches the settings Django, DRF, Celery and our code read, unrefused."""
    from django.conf import global_settings

    from nautobot.core.celery import app

    loaded = load_config_file(tmp_path, monkeypatch, "")
    known = setting.name in loaded or hasattr(global_settings, setting.name)
    assert known, f"{setting.name} has no default here and is not one of Django's"
    if setting.name.startswith("CELERY_"):  # Celery reads it as its lower-case option
        from django.conf import settings

        assert getattr(app.conf, setting.name.removeprefix("CELERY_").lower()) == getattr(settings, setting.name)
    value = loaded.get(setting.name, getattr(global_settings, setting.name, None))
    if isinstance(value, (str, int, bool)) or value is None:
        marker = {str: "x-marker", bool: not value, int: 7}.get(type(value), "x-marker")
        if setting.name in {"SECRET_KEY", "NAUTOBOT_ROOT", "DEBUG"} or setting.name.endswith("_ROOT"):
            return  # these decide where and how the configuration itself loads; the file's own tests cover them
        again = load_config_file(tmp_path, monkeypatch, f"{setting.name} = {marker!r}\n")
        assert again[setting.name] == marker
        assert again["REFUSED_SETTINGS"] == []


def test_refused_settings_say_so_in_one_line_each(tmp_path, monkeypatch):
    """Every refused setting, set to a value that asks for something, gives exactly one line naming it."""
    for setting in SETTINGS:
        if setting.state != REFUSED or setting.stop:
            continue
        default = setting.default
        value = (not default) if isinstance(default, bool) else {int: 12345, str: "x"}.get(type(default), {"asks": 1})
        if setting.harmless and setting.harmless(value):
            continue
        lines = load_config_file(tmp_path, monkeypatch, f"{setting.name} = {value!r}\n")["REFUSED_SETTINGS"]
        assert len(lines) == 1 and lines[0].startswith(f"{setting.name} is not supported here: "), (setting, lines)
        assert "\n" not in lines[0] and lines[0].endswith("(ignored)")


def test_refused_settings_at_1_6_defaults_are_quiet(tmp_path, monkeypatch):
    """A 1.x file that restates 1.6's defaults (as its generated config does) gets no line."""
    text = (
        "INSTALLATION_METRICS_ENABLED = False\nCACHEOPS_ENABLED = False\nNAPALM_TIMEOUT = 30\nRELEASE_CHECK_URL = ''\n"
    )
    assert load_config_file(tmp_path, monkeypatch, text)["REFUSED_SETTINGS"] == []


def test_refused_environment_variables_are_named(tmp_path, monkeypatch):
    monkeypatch.setenv("NAUTOBOT_REDIS_LOCK_TIMEOUT", "900")
    monkeypatch.setenv("NAUTOBOT_INSTALLATION_METRICS_ENABLED", "False")  # asks for nothing
    monkeypatch.setenv("NAUTOBOT_DOCKER_SKIP_INIT", "true")
    lines = load_config_file(tmp_path, monkeypatch, "")["REFUSED_SETTINGS"]
    assert lines == [
        "NAUTOBOT_REDIS_LOCK_TIMEOUT (for REDIS_LOCK_TIMEOUT) is not supported here: "
        f"{settings_catalog.BY_NAME['REDIS_LOCK_TIMEOUT'].note} (ignored)",
        f"NAUTOBOT_DOCKER_SKIP_INIT is not read here: {settings_catalog.OTHER_ENVIRONMENT['NAUTOBOT_DOCKER_SKIP_INIT']}"
        " (ignored)",
    ]


def test_unsafe_refusals_stop_with_one_line(tmp_path, monkeypatch):
    """A refusal marked `stop` (none is today: each unsafe setting was made to work) stops loading in one line."""
    import dataclasses

    unsafe = dataclasses.replace(settings_catalog.BY_NAME["REDIS_LOCK_TIMEOUT"], stop=True)
    monkeypatch.setitem(settings_catalog.BY_NAME, "REDIS_LOCK_TIMEOUT", unsafe)
    with pytest.raises(ConfigError) as caught:
        load_config_file(tmp_path, monkeypatch, "REDIS_LOCK_TIMEOUT = 900\n")
    assert str(caught.value).startswith("REDIS_LOCK_TIMEOUT is not supported here: ")
    assert "(stopped)" in str(caught.value) and "\n" not in str(caught.value)


def test_every_command_prints_the_refusals_and_goes_on(tmp_path):
    """A real `nautobot-server` command: one warning line per refused setting, then the command's own output."""
    config = tmp_path / "nautobot_config.py"
    config.write_text(
        "from nautobot.core.settings import *\n"
        "SECRET_KEY = 'k' * 50\n"
        "AUTH_LDAP_SERVER_URI = 'ldap://ldap.example.com'\n"  # works: no line
        "DEPLOYMENT_ID = 'abc'\n"
        "CACHEOPS_ENABLED = True\n"
        "VERSION = '9.9'\n"
    )
    env = {**os.environ, "NAUTOBOT_ROOT": str(tmp_path), "NAUTOBOT_CONFIG": str(config)}
    for name in [n for n in env if n.startswith("NAUTOBOT_DB_") or n.startswith("NAUTOBOT_REDIS_")]:
        env.pop(name)
    server = str(Path(sys.executable).parent / "nautobot-server")
    done = subprocess.run([server, "check"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("nautobot-server: warning: ")]
    assert [w.split(":")[2].split()[0] for w in warnings] == ["CACHEOPS_ENABLED", "DEPLOYMENT_ID", "VERSION"]
    assert "System check identified no issues" in done.stdout
    report = subprocess.run([server, "config", "check"], env=env, capture_output=True, text=True, timeout=120)
    assert "nautobot-server: warning" not in report.stderr  # listed in the report instead of before it
    assert report.stdout.count("unsupported ") == 3 and "DEPLOYMENT_ID is not supported here" in report.stdout


# --- settings whose behaviour no other test shows ---


@pytest.mark.django_db
def test_documented_authentication_backend_signs_in(settings, django_user_model):
    settings.AUTHENTICATION_BACKENDS = ["nautobot.core.authentication.ObjectPermissionBackend"]
    django_user_model.objects.create_user("backend-user", password="pw-123456")
    client = Client()
    response = client.post("/login/", {"username": "backend-user", "password": "pw-123456", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_date_formats_render_on_pages(settings, admin_client):
    from nautobot.tenancy.models import Tenant

    moment = timezone.make_aware(datetime.datetime(2024, 3, 5, 14, 7, 9), datetime.UTC)
    template = Template("{{ d }}|{{ t }}|{{ m }}|{{ d|date:'SHORT_DATE_FORMAT' }}|{{ m|date:'SHORT_DATETIME_FORMAT' }}")
    context = Context({"d": moment.date(), "t": moment.time(), "m": moment})
    assert template.render(context) == "March 5, 2024|2:07 p.m.|March 5, 2024 2:07 p.m.|2024-03-05|2024-03-05 14:07"
    settings.DATE_FORMAT, settings.TIME_FORMAT, settings.DATETIME_FORMAT = "d.m.Y", "H:i", "d.m.Y H:i"
    settings.SHORT_DATE_FORMAT, settings.SHORT_DATETIME_FORMAT = "d/m/y", "d/m/y H:i"
    assert template.render(context) == "05.03.2024|14:07|05.03.2024 14:07|05/03/24|05/03/24 14:07"
    tenant = Tenant.objects.create(name="Formats", slug="formats")
    page = admin_client.get(f"/tenancy/tenants/{tenant.pk}/").content.decode()
    assert timezone.localtime(tenant.last_updated).strftime("%d.%m.%Y %H:%M") in page


@pytest.mark.django_db
def test_exempt_exclude_models(settings, nobody):
    settings.EXEMPT_VIEW_PERMISSIONS = ["*"]
    assert nobody.get("/api/tenancy/tenants/").status_code == 200
    assert nobody.get("/api/users/users/").status_code == 403  # "*" never reaches users (1.6's default exclusions)
    settings.EXEMPT_EXCLUDE_MODELS = ()
    assert nobody.get("/api/users/users/").status_code == 200
    settings.EXEMPT_EXCLUDE_MODELS = (("tenancy", "tenant"),)
    assert nobody.get("/api/tenancy/tenants/").status_code == 403


@pytest.mark.django_db
def test_banners_and_branding_on_pages(settings, admin_client, tmp_path):
    assert 'id="banner-top"' not in admin_client.get("/").content.decode()  # no text: no banner
    settings.MEDIA_ROOT = str(tmp_path)
    (tmp_path / "branding").mkdir()
    (tmp_path / "branding" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    settings.BANNER_TOP = "**Production** <script>alert(1)</script>"
    settings.BANNER_BOTTOM = "Bottom <em>line</em>"
    settings.BANNER_LOGIN = "Authorized users *only*"
    settings.BRANDING_TITLE = "NetSoT"
    settings.BRANDING_URLS = {"code": None, "docs": "https://docs.example.com/", "help": None}
    settings.BRANDING_FILEPATHS = {"logo": "branding/logo.svg", "css": None, "favicon": "branding/missing.ico"}
    settings.BRANDING_POWERED_BY_URL = "https://powered.example.com/"
    page = admin_client.get("/").content.decode()
    assert "<strong>Production</strong>" in page and "alert(1)" not in page.split('id="banner-top"')[1][:200]
    assert "Bottom <em>line</em>" in page
    assert "<title>" in page and "NetSoT" in page.split("</title>")[0]
    assert 'href="https://docs.example.com/"' in page and "github.com/nautobot" not in page
    assert 'href="https://powered.example.com/"' in page
    assert '<img src="/branding/logo"' in page
    anonymous = Client()
    login = anonymous.get("/login/").content.decode()
    assert "Authorized users <em>only</em>" in login
    logo = anonymous.get("/branding/logo")  # public: the login page shows it
    assert logo.status_code == 200 and logo["Content-Type"] == "image/svg+xml"
    assert b"<svg" in b"".join(logo.streaming_content)
    assert anonymous.get("/branding/favicon").status_code == 404  # named but missing
    assert anonymous.get("/branding/css").status_code == 404  # not named
    settings.BRANDING_FILEPATHS = {"logo": "../../etc/passwd"}
    assert anonymous.get("/branding/logo").status_code == 404  # nothing outside the media storage


@pytest.mark.django_db
def test_export_file_name_prefix(settings, admin_client):
    assert admin_client.get("/tenancy/tenants/?export=csv")["Content-Disposition"] == (
        'attachment; filename="nautobot_tenants.csv"'
    )
    settings.BRANDING_PREPENDED_FILENAME = "acme_"
    assert admin_client.get("/tenancy/tenants/?export=csv")["Content-Disposition"] == (
        'attachment; filename="acme_tenants.csv"'
    )


@pytest.mark.django_db
def test_support_message_on_error_pages(settings, admin_client, rf):
    from nautobot.core.views.errors import server_error

    assert 'id="support-message"' not in admin_client.get("/no/such/page/").content.decode()
    settings.SUPPORT_MESSAGE = "Call the **NOC** on 1234"
    assert "Call the <strong>NOC</strong> on 1234" in admin_client.get("/no/such/page/").content.decode()
    response = server_error(rf.get("/"))
    assert response.status_code == 500 and "Call the <strong>NOC</strong> on 1234" in response.content.decode()


@pytest.mark.django_db
def test_hide_restricted_ui(settings, django_user_model):
    user = django_user_model.objects.create_user("restricted-ui", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="view_tenant"))
    client = Client()
    client.force_login(user)
    page = client.get("/tenancy/tenants/").content.decode()
    assert 'href="/tenancy/tenants/"' in page
    assert 'title="You do not have permission to view this">Tenant groups</span>' in page  # greyed out, as 1.x
    assert 'href="/tenancy/tenant-groups/"' not in page
    settings.HIDE_RESTRICTED_UI = True
    page = client.get("/tenancy/tenants/").content.decode()
    assert 'href="/tenancy/tenants/"' in page and ">Tenant groups<" not in page


@pytest.mark.django_db
def test_per_page_defaults(settings, admin_client):
    from nautobot.tenancy.models import Tenant

    Tenant.objects.bulk_create([Tenant(name=f"T{i:02}", slug=f"t{i:02}") for i in range(12)])
    settings.PER_PAGE_DEFAULTS = [5, 10]
    settings.PAGINATE_COUNT = 10
    response = admin_client.get("/tenancy/tenants/?per_page=5")
    assert list(response.context["per_page_choices"]) == [5, 10]
    assert len(response.context["table"].page.object_list) == 5
    settings.MAX_PAGE_SIZE = 8
    response = admin_client.get("/tenancy/tenants/?per_page=25")  # any size may be asked for, up to MAX_PAGE_SIZE
    assert len(response.context["table"].page.object_list) == 8


@pytest.mark.django_db
def test_git_ssl_no_verify_reaches_git(tmp_path, monkeypatch, settings):
    """1.x documents GIT_SSL_NO_VERIFY as an environment variable of the worker: git then accepts any certificate."""
    from nautobot.core.testing.gitrepos import SourceRepository, http_remote
    from nautobot.extras.datasources.git import GitError, fetch
    from nautobot.extras.models import GitRepository

    settings.GIT_ROOT = str(tmp_path / "git-root")
    source = SourceRepository(tmp_path / "source")
    commit = source.commit({"README": "hello"})
    pem = tmp_path / "self-signed.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(pem), "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    pem.write_text(pem.read_text() + (tmp_path / "cert.pem").read_text())
    monkeypatch.delenv("GIT_SSL_NO_VERIFY", raising=False)
    with http_remote(source.remote.parent, "git", "secret-token", tls_pem=pem) as (base, _):
        repo = GitRepository(
            name="TLS", slug="tls", remote_url=f"{base}/remote.git", branch="main", username="git", provided_contents=[]
        )
        repo.token = "secret-token"
        repo.save()
        with pytest.raises(GitError, match="(?i)certificate|SSL"):
            fetch(repo)
        monkeypatch.setenv("GIT_SSL_NO_VERIFY", "1")
        assert fetch(repo) == commit


def test_log_deprecation_warnings(tmp_path):
    config = tmp_path / "nautobot_config.py"
    config.write_text("SECRET_KEY = 'k' * 50\n")
    env = {**os.environ, "NAUTOBOT_ROOT": str(tmp_path), "NAUTOBOT_CONFIG": str(config)}
    for name in [n for n in env if n.startswith(("NAUTOBOT_DB_", "NAUTOBOT_REDIS_", "PYTHONWARNINGS"))]:
        env.pop(name)
    code = "import warnings; warnings.warn('old-api-used', DeprecationWarning)"
    server = str(Path(sys.executable).parent / "nautobot-server")
    quiet = subprocess.run([server, "shell", "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert quiet.returncode == 0 and "old-api-used" not in quiet.stderr
    env["NAUTOBOT_LOG_DEPRECATION_WARNINGS"] = "true"
    loud = subprocess.run([server, "shell", "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert loud.returncode == 0 and "DeprecationWarning: old-api-used" in loud.stderr


def test_read_only_settings(tmp_path, monkeypatch):
    from django.conf import settings

    assert settings.VERSION == nautobot.__version__
    assert settings.REST_FRAMEWORK_VERSION == "1.6" and settings.REST_FRAMEWORK_ALLOWED_VERSIONS[0] == "1.2"
    assert settings.REST_FRAMEWORK["ALLOWED_VERSIONS"] == settings.REST_FRAMEWORK_ALLOWED_VERSIONS
    assert settings.HOSTNAME and os.path.isdir(settings.BASE_DIR) and settings.TESTING is False
    lines = load_config_file(tmp_path, monkeypatch, "VERSION = '2.0.0'\nHOSTNAME = 'x'\n")["REFUSED_SETTINGS"]
    assert [line.split()[0] for line in lines] == ["HOSTNAME", "VERSION"]
    assert all(settings_catalog.BY_NAME[line.split()[0]].state == READONLY for line in lines)


def test_beat_heartbeat_file_is_touched(tmp_path, monkeypatch, settings):
    from nautobot.core.celery import app
    from nautobot.core.celery.schedulers import NautobotScheduler

    beat_file = tmp_path / "beat-heartbeat"
    settings.CELERY_BEAT_HEARTBEAT_FILE = str(beat_file)
    monkeypatch.setattr("nautobot.core.celery.schedulers.beat_once", lambda **kwargs: None)
    scheduler = NautobotScheduler(app=app, schedule_filename=str(tmp_path / "schedule"), lazy=True)
    scheduler.setup_schedule()
    scheduler.tick()
    first = beat_file.stat().st_mtime_ns
    os.utime(beat_file, ns=(first - 10**10, first - 10**10))
    time.sleep(0.01)
    scheduler.tick()
    assert beat_file.stat().st_mtime_ns > first - 10**10


@pytest.mark.django_db
def test_allowed_url_schemes(settings, api):
    """URL custom fields take any scheme ALLOWED_URL_SCHEMES lists (a bare host name too); Markdown links keep
    only those schemes."""
    from nautobot.core.templatetags.helpers import render_markdown
    from nautobot.extras.models import CustomField
    from nautobot.tenancy.models import Tenant

    field = CustomField.objects.create(name="console", label="Console", type="url")
    field.content_types.set([ContentType.objects.get_for_model(Tenant)])
    tenant = Tenant.objects.create(name="Schemes", slug="schemes")
    url = f"/api/tenancy/tenants/{tenant.pk}/"
    answer = api.patch(url, {"custom_fields": {"console": "ssh://core-router-1"}})
    assert answer.status_code == 200, answer.content
    assert render_markdown("[core](ssh://core-1) [x](javascript:alert(1))").count("href") == 1
    settings.ALLOWED_URL_SCHEMES = ["https"]
    answer = api.patch(url, {"custom_fields": {"console": "ssh://core-router-2"}})
    assert answer.status_code == 400 and "console" in answer.content.decode()
    assert api.patch(url, {"custom_fields": {"console": "https://core-router-2/"}}).status_code == 200
    assert "href" not in render_markdown("[core](ssh://core-1)")


@pytest.mark.django_db
def test_content_type_cache_timeout(settings, tmp_path):
    from django.core.cache import cache
    from django.core.management import call_command

    from nautobot.core.models import content_type_cache_key
    from nautobot.tenancy.models import Tenant

    key = content_type_cache_key(Tenant)
    cache.delete(key)
    assert Tenant._content_type_cached == ContentType.objects.get_for_model(Tenant)
    assert cache.get(key) is None  # 0 (1.6's default): not kept in the cache
    settings.CONTENT_TYPE_CACHE_TIMEOUT = 60
    assert Tenant._content_type_cached.model == "tenant" and cache.get(key).model == "tenant"
    cache.delete(key)
    out = tmp_path / "out.txt"
    with open(out, "w") as stream:
        call_command("refresh_content_type_cache", stdout=stream)
    assert "Refreshed the cached content types of" in out.read_text() and cache.get(key).model == "tenant"


@pytest.mark.django_db
def test_rack_view_truncate_function(settings, api):
    from nautobot.dcim.tests import builders as b

    device = b.device(name="edge-router-1.ams.example.net")
    device.rack = b.rack(site=device.site)
    device.position, device.face = 10, "front"
    device.save()
    svg = api.get(f"/api/dcim/racks/{device.rack.pk}/elevation/", render="svg").content.decode()
    assert ">edge-router-1</text>" in svg and "<title>edge-router-1.ams.example.net</title>" in svg
    settings.UI_RACK_VIEW_TRUNCATE_FUNCTION = lambda name: name.upper()
    svg = api.get(f"/api/dcim/racks/{device.rack.pk}/elevation/", render="svg").content.decode()
    assert ">EDGE-ROUTER-1.AMS.EXAMPLE.NET</text>" in svg
