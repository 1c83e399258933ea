"""Plugins in-process: the example plugin's API, page and registrations; loading errors, one line each."""

import sys
import textwrap

import pytest
from django.test import Client

from nautobot.dcim.tests import builders as b
from nautobot.core.testing.api import TokenClient
from nautobot.core.registry import registry
from nautobot.extras.plugins import PluginError
from nautobot.core.plugins.loading import load_plugins
from nautobot.users.models import Token


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("plugin-admin", "p@example.com", "pw")


@pytest.fixture
def api(admin):
    return TokenClient(Token.objects.create(user=admin).key)


@pytest.mark.django_db
def test_plugin_api_is_listed_and_answers(api):
    root = api.get("/api/").json()
    assert root["plugins"] == "http://testserver/api/plugins/"
    plugins = api.get("/api/plugins/").json()
    assert plugins["installed_plugins"] == "http://testserver/api/plugins/installed-plugins/"
    assert plugins["example-plugin"] == "http://testserver/api/plugins/example-plugin/"
    endpoints = api.get("/api/plugins/example-plugin/").json()
    assert endpoints == {"widgets": "http://testserver/api/plugins/example-plugin/widgets/"}
    assert api.get("/api/plugins/example-plugin/greeting/").json() == {"greeting": "Hello from the tests"}
    created = api.post("/api/plugins/example-plugin/widgets/", {"name": "w1", "site": str(b.site().pk), "size": 2})
    assert created.status_code == 201, created.content
    assert created.json()["url"].startswith("http://testserver/api/plugins/example-plugin/widgets/")
    assert created.json()["notes_url"].endswith("/notes/")
    status = api.get("/api/status/").json()
    assert status["plugins"] == {"example_plugin": "1.0.0", "example_app_1x": "1.0.0"}


@pytest.mark.django_db
def test_installed_plugins_is_for_admins(api, django_user_model):
    described = api.get("/api/plugins/installed-plugins/").json()
    assert described == [
        {
            "name": "Example plugin",
            "package": "example_plugin",
            "author": "Nautobot clean-room project",
            "author_email": "nautobot@example.com",
            "description": "Widgets on sites: a model with API and UI, a job, a Celery task and a legacy RQ task.",
            "verison": "1.0.0",
            "version": "1.0.0",
        },
        {
            "name": "Example 1.x app",
            "package": "example_app_1x",
            "author": "Nautobot clean-room project",
            "author_email": "nautobot@example.com",
            "description": "Internet exchanges, declared the Nautobot 1.x way.",
            "verison": "1.0.0",
            "version": "1.0.0",
        },
    ]
    user = django_user_model.objects.create_user("plain", password="pw")
    assert TokenClient(Token.objects.create(user=user).key).get("/api/plugins/installed-plugins/").status_code == 403


@pytest.mark.django_db
def test_plugin_page_needs_login(admin):
    client = Client()
    assert client.get("/plugins/example-plugin/summary/").status_code == 302
    client.force_login(admin)
    page = client.get("/plugins/example-plugin/summary/")
    assert page.status_code == 200 and b"Widgets" in page.content


def test_plugin_registrations():
    plugin_links = [link for link in registry.menu_links if link.entry.group == "Plugins"]
    assert [(link.entry.label, link.url_name) for link in plugin_links] == [
        ("Widget summary", "plugins:example_plugin:summary")
    ]
    assert [ext.model for ext in registry.template_extensions] == ["dcim.site"]


@pytest.fixture
def fake_plugin(tmp_path, monkeypatch):
    """Write a plugin package `fake_<n>` with the given config body; return its name."""
    monkeypatch.syspath_prepend(str(tmp_path))
    counter = iter(range(1000))

    def make(body: str = "", init_extra: str = "") -> str:
        name = f"fake_plugin_{next(counter)}"
        package = tmp_path / name
        package.mkdir()
        (package / "__init__.py").write_text(
            "from nautobot.extras.plugins import PluginConfig\n"
            + init_extra
            + f"class Config(PluginConfig):\n    name = {name!r}\n"
            + textwrap.indent(textwrap.dedent(body), "    ")
            + "\nconfig = Config\n"
        )
        return name

    yield make
    for name in [m for m in sys.modules if m.startswith("fake_plugin_")]:
        del sys.modules[name]


def _settings(*plugins, config=None) -> dict:
    return {
        "PLUGINS": list(plugins),
        "PLUGINS_CONFIG": config or {},
        "INSTALLED_APPS": ["nautobot.core"],
        "MIDDLEWARE": [],
    }


def test_loading_adds_apps_middleware_and_default_settings(fake_plugin):
    name = fake_plugin(
        'installed_apps = ["django.contrib.humanize"]\nmiddleware = ["x.Middleware"]\ndefault_settings = {"a": 1, "b": 2}\n'
    )
    settings = _settings(name, config={name: {"b": 3}})
    load_plugins(settings, "1.6.0")
    assert settings["INSTALLED_APPS"] == ["nautobot.core", f"{name}.Config", "django.contrib.humanize"]
    assert settings["MIDDLEWARE"] == ["x.Middleware"]
    assert settings["PLUGINS_CONFIG"][name] == {"a": 1, "b": 3}


@pytest.mark.parametrize(
    ("body", "config", "message"),
    [
        ('min_version = "9.0"', {}, "needs Nautobot at least 9.0; this is Nautobot 1.6.0"),
        ('max_version = "1.2"', {}, "needs Nautobot at most 1.2"),
        ('min_version = "soon"', {}, "min_version 'soon' is not a version number"),
        ('required_settings = ["token", "url"]', {"url": "x"}, "requires PLUGINS_CONFIG['{name}'] to set: token"),
    ],
)
def test_loading_refuses_bad_plugins(fake_plugin, body, config, message):
    name = fake_plugin(body)
    with pytest.raises(PluginError) as raised:
        load_plugins(_settings(name, config={name: config}), "1.6.0")
    assert str(raised.value).startswith(f"Plugin {name}") and message.format(name=name) in str(raised.value)
    assert "\n" not in str(raised.value)


def test_loading_names_missing_and_broken_packages(fake_plugin):
    with pytest.raises(PluginError, match=r"Plugin no_such_plugin is not installed"):
        load_plugins(_settings("no_such_plugin"), "1.6.0")
    broken = fake_plugin(init_extra="import no_such_dependency_xyz\n")
    with pytest.raises(
        PluginError, match=rf"Plugin {broken} failed to import: No module named 'no_such_dependency_xyz'"
    ):
        load_plugins(_settings(broken), "1.6.0")
    with pytest.raises(PluginError, match="must be a list"):
        load_plugins(_settings() | {"PLUGINS": "example_plugin"}, "1.6.0")


@pytest.mark.django_db
def test_plugin_menu_item_and_site_panel_in_the_ui(admin):
    site = b.site()
    client = Client()
    client.force_login(admin)
    page = client.get(f"/dcim/sites/{site.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "0 widget(s)" in body
    assert 'href="/plugins/example-plugin/summary/"' in body


@pytest.mark.django_db
def test_plugin_graphql_type_replaces_the_generated_one(api):
    from example_plugin.models import Widget

    site = b.site()
    Widget.objects.create(name="gq", size=2, site=site)
    response = api.post("/api/graphql/", {"query": "{ widgets { name label site { name } } }"})
    assert response.status_code == 200, response.content
    assert response.json()["data"]["widgets"] == [{"name": "gq", "label": "gq (2U)", "site": {"name": site.name}}]
    assert [t.__name__ for t in registry.graphql_types] == ["WidgetType"]


def test_a_plugin_relating_to_a_model_we_lack_is_refused_in_one_line(tmp_path):
    """A 1.x app whose model relates to a model this installation does not have (here `extras.NoSuchGroup`; a real
    case is an app written for a newer Nautobot) stops every command at start with one line naming it, not a traceback later."""
    import os
    import subprocess

    from nautobot.core.testing.processes import NAUTOBOT_SERVER

    package = tmp_path / "pkgs" / "lacking_app"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        "from nautobot.extras.plugins import PluginConfig\n"
        "class Config(PluginConfig):\n    name = 'lacking_app'\nconfig = Config\n"
    )
    (package / "models.py").write_text(
        "from django.db import models\n"
        "class Rule(models.Model):\n"
        "    group = models.ForeignKey('extras.NoSuchGroup', on_delete=models.CASCADE)\n"
        "    class Meta:\n        app_label = 'lacking_app'\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NAUTOBOT_", "DJANGO_"))}
    env.update(NAUTOBOT_ROOT=str(tmp_path / "root"))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp_path / "pkgs"), os.environ.get("PYTHONPATH")]))
    subprocess.run([NAUTOBOT_SERVER, "init"], env=env, check=True, capture_output=True, timeout=120)
    with open(tmp_path / "root" / "nautobot_config.py", "a") as config:
        config.write('\nPLUGINS = ["lacking_app"]\n')
    run = subprocess.run([NAUTOBOT_SERVER, "check"], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert run.stderr.strip() == (
        "nautobot-server: Plugin lacking_app cannot be loaded: lacking_app.Rule.group relates to "
        "extras.NoSuchGroup, which this installation does not have."
    ), run.stderr
