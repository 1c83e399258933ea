"""The 1.x `PluginConfig` hooks, declared the 1.x way in a plugin's modules (`custom_validators.py`,
`filter_extensions.py`, `banner.py`, `jinja_filters.py`, `metrics.py`) and used through HTTP as a person or a
client would: a rule refusing an API write, a UI form and `validated_save()`; a filter of the REST API and the
list page; a banner on pages; a Jinja filter in a computed field; app metrics at `/metrics/`."""

import contextlib
import sys
import textwrap

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from nautobot.core import filters as core_filters
from nautobot.core.registry import registry
from nautobot.core.testing.api import TokenClient
from nautobot.dcim.models import Site
from nautobot.dcim.tests import builders as b
from nautobot.extras import templating
from nautobot.extras.plugins import (
    NautobotAppConfig,
    PluginBanner,
    PluginConfig,
    PluginCustomValidator,
    PluginError,
    PluginFilterExtension,
)
from nautobot.extras.plugins.hooks import import_object, register_hooks
from nautobot.users.models import Token

MODULES = {
    "custom_validators": """
        from nautobot.extras.plugins import PluginCustomValidator


        class SiteNames(PluginCustomValidator):
            model = "dcim.site"

            def clean(self):
                if self.context["object"].name.startswith("forbidden"):
                    self.validation_error({"name": "Sites may not be forbidden."})


        custom_validators = [SiteNames]
    """,
    "filter_extensions": """
        import django_filters
        from django import forms

        from nautobot.extras.plugins import PluginFilterExtension


        def name_suffix(queryset, name, value):
            return queryset.filter(name__endswith=value)


        class SiteFilters(PluginFilterExtension):
            model = "dcim.site"
            filterset_fields = {
                "hooked_name_suffix": django_filters.CharFilter(method=name_suffix),
                "hooked_description": django_filters.CharFilter(field_name="description"),
            }
            filterform_fields = {"hooked_name_suffix": forms.CharField(required=False, label="Name ends with")}


        filter_extensions = [SiteFilters]
    """,
    "banner": """
        from django.utils.html import format_html

        from nautobot.extras.plugins import PluginBanner


        def banner(context, *args, **kwargs):
            user = context.request.user
            if user.is_authenticated:
                return PluginBanner(content=format_html("Hello <b>{}</b>", user.username), banner_class="warning")
            return None
    """,
    "jinja_filters": """
        from django_jinja import library


        @library.filter
        def hooked_shout(value):
            return str(value).upper() + "!"
    """,
    "metrics": """
        from prometheus_client.core import GaugeMetricFamily


        def metric_sites():
            from nautobot.dcim.models import Site

            gauge = GaugeMetricFamily("hooked_site_count", "Sites in this installation")
            gauge.add_metric([], Site.objects.count())
            yield gauge


        metrics = [metric_sites]
    """,
}
STORES = ("custom_validators", "filter_extensions", "banners", "jinja_filters", "app_metrics")


@pytest.fixture
def hooked_plugin(tmp_path, monkeypatch):
    """A plugin package with a module per hook, its hooks registered as its `ready()` does; undone afterwards."""
    package = tmp_path / "hooked_plugin"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from nautobot.apps import NautobotAppConfig\n\n\n"
        "class HookedConfig(NautobotAppConfig):\n    name = 'hooked_plugin'\n    base_url = 'hooked'\n\n\n"
        "config = HookedConfig\n"
    )
    for module, text in MODULES.items():
        (package / f"{module}.py").write_text(textwrap.dedent(text))
    monkeypatch.syspath_prepend(str(tmp_path))
    import hooked_plugin

    with contextlib.ExitStack() as stack:
        for store in STORES:
            stack.enter_context(getattr(registry, store).emptied())
        core_filters._cache.pop(Site, None)
        register_hooks(hooked_plugin.config("hooked_plugin", hooked_plugin))
        yield hooked_plugin
        core_filters._cache.pop(Site, None)
    for name in [m for m in sys.modules if m.startswith("hooked_plugin")]:
        del sys.modules[name]


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("hook-admin", "h@example.com", "pw")


def test_the_1x_names():
    assert NautobotAppConfig is PluginConfig
    assert PluginBanner("x").banner_class == "info"
    with pytest.raises(NotImplementedError):
        PluginCustomValidator(object()).clean()
    assert PluginFilterExtension.filterset_fields == {}
    assert import_object("nautobot.extras.plugins.hooks.import_object") is import_object
    assert import_object("nautobot.extras.no_such_module.thing") is None
    assert import_object("nautobot.extras.plugins.no_such_attribute") is None


def test_a_hook_whose_module_lacks_the_attribute_is_unused_and_a_wrong_type_is_refused(monkeypatch):
    from django.apps import apps

    config = apps.get_app_config("example_plugin")
    monkeypatch.setattr(config, "graphql_types", "models.no_such_list", raising=False)
    assert config.load_contents("graphql_types") == [] and config.load_content("graphql_types") is None
    monkeypatch.setattr(config, "graphql_types", "models.Widget", raising=False)  # a class, not a list
    with pytest.raises(PluginError, match="must be a list"):
        config.load_contents("graphql_types")


@pytest.mark.django_db
def test_a_custom_validator_refuses_api_ui_and_job_writes(hooked_plugin, admin):
    api = TokenClient(Token.objects.create(user=admin).key)
    status = b.status()
    refused = api.post("/api/dcim/sites/", {"name": "forbidden-1", "slug": "f1", "status": "active"})
    assert refused.status_code == 400 and refused.json() == {"name": ["Sites may not be forbidden."]}
    assert api.post("/api/dcim/sites/", {"name": "fine", "slug": "fine", "status": "active"}).status_code == 201
    # A change too, not only a creation.
    fine = Site.objects.get(slug="fine")
    changed = api.patch(f"/api/dcim/sites/{fine.pk}/", {"name": "forbidden-2"})
    assert changed.status_code == 400 and "Sites may not be forbidden." in changed.json()["name"]

    client = Client()
    client.force_login(admin)
    form = client.post("/dcim/sites/add/", {"name": "forbidden-3", "slug": "f3", "status": status.pk})
    assert form.status_code == 200 and b"Sites may not be forbidden." in form.content
    assert not Site.objects.filter(slug="f3").exists()

    with pytest.raises(ValidationError) as raised:
        Site(name="forbidden-4", slug="f4", status=status).validated_save()
    assert raised.value.message_dict == {"name": ["Sites may not be forbidden."]}


@pytest.mark.django_db
def test_a_filter_extension_filters_the_api_and_the_list_page(hooked_plugin, admin):
    for name in ("north-dc", "south-dc", "lab"):
        Site.objects.create(name=name, slug=name, status=b.status())
    api = TokenClient(Token.objects.create(user=admin).key)
    found = api.get("/api/dcim/sites/?hooked_name_suffix=-dc").json()
    assert sorted(site["name"] for site in found["results"]) == ["north-dc", "south-dc"]
    Site.objects.filter(name="lab").update(description="The test lab")
    assert [s["name"] for s in api.get("/api/dcim/sites/?hooked_description=The test lab").json()["results"]] == ["lab"]
    # A filter of a field by value gets the field's lookups, as the built-in filters have.
    assert [s["name"] for s in api.get("/api/dcim/sites/?hooked_description__ic=TEST").json()["results"]] == ["lab"]
    assert api.get("/api/dcim/sites/?hooked_name_suffix__ic=x").status_code == 400  # a method filter has none
    client = Client()
    client.force_login(admin)
    page = client.get("/dcim/sites/", {"hooked_name_suffix": "lab"})
    assert page.status_code == 200
    text = page.content.decode()
    assert 'name="hooked_name_suffix"' in text and "Name ends with" in text
    assert "lab" in text and "north-dc" not in text


def test_a_filter_extension_cannot_replace_a_filter(hooked_plugin):
    class Clash(PluginFilterExtension):
        model = "dcim.site"
        filterset_fields = {"name": core_filters.MultiValueFilter(field_name="name")}

    with registry.filter_extensions.registered(Clash), pytest.raises(Exception, match="already has a filter 'name'"):
        core_filters._cache.pop(Site, None)
        core_filters.filterset_for(Site)


@pytest.mark.django_db
def test_the_banner_is_on_pages_of_signed_in_users(hooked_plugin, admin):
    client = Client()
    assert "app-banner" not in client.get("/login/").content.decode()
    client.force_login(admin)
    page = client.get("/").content.decode()
    assert '<div class="alert alert-warning app-banner" role="alert">Hello <b>hook-admin</b></div>' in page


def test_a_failing_banner_leaves_the_page_alone(hooked_plugin, admin, db):
    from nautobot.core.registry import BannerFunction

    def broken(context):
        raise RuntimeError("boom")

    with registry.banners.registered(BannerFunction(broken)):
        client = Client()
        client.force_login(admin)
        page = client.get("/")
    assert page.status_code == 200 and "Hello <b>hook-admin</b>" in page.content.decode()


def test_a_jinja_filter_renders_in_user_templates(hooked_plugin):
    assert templating.render("{{ name | hooked_shout }}", {"name": "ams"}) == "AMS!"
    # Jinja's own filters stay Jinja's.
    assert templating.render("{{ name | upper }}", {"name": "ams"}) == "AMS"


@pytest.mark.django_db
def test_app_metrics_at_metrics(hooked_plugin):
    b.site()
    b.site()
    response = Client().get("/metrics/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain; version=")
    text = response.content.decode()
    assert "\nhooked_site_count 2.0\n" in text
    assert "nautobot_app_metrics_processing_ms " in text
    assert "python_info{" in text  # the process's own metrics too


def test_a_hook_that_is_not_a_list_is_refused(tmp_path, monkeypatch):
    package = tmp_path / "bad_hooks"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from nautobot.extras.plugins import PluginConfig\n\n\nclass C(PluginConfig):\n    name = 'bad_hooks'\n"
    )
    (package / "metrics.py").write_text("metrics = 'not a list'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import bad_hooks

    try:
        with pytest.raises(PluginError, match=r"bad_hooks.metrics.metrics \(metrics\) must be a list"):
            register_hooks(bad_hooks.C("bad_hooks", bad_hooks))
    finally:
        del sys.modules["bad_hooks"], sys.modules["bad_hooks.metrics"]


@pytest.mark.django_db
def test_the_installed_plugins_page_links_to_their_pages(admin, django_user_model):
    assert Client().get("/plugins/installed-plugins/").status_code == 302
    plain = Client()
    plain.force_login(django_user_model.objects.create_user("plain-user", password="pw"))
    assert plain.get("/plugins/installed-plugins/").status_code == 403
    client = Client()
    client.force_login(admin)
    page = client.get("/plugins/installed-plugins/")
    text = page.content.decode()
    assert page.status_code == 200 and "Example plugin" in text and "<code>example_plugin</code>" in text
    assert 'href="/plugins/example-plugin/summary/">Home</a>' in text and "Documentation" not in text


def test_app_settings_from_plugins_config_or_constance_defaults(monkeypatch):
    from nautobot.apps.config import ConstanceConfigItem, get_app_settings_or_config
    from nautobot.utilities.config import get_settings_or_config

    assert get_app_settings_or_config("example_plugin", "greeting") == "Hello from the tests"
    import example_plugin

    monkeypatch.setattr(example_plugin.config, "constance_config", {"limit": ConstanceConfigItem(default=5)})
    assert get_app_settings_or_config("example_plugin", "limit") == 5
    assert get_app_settings_or_config("example_plugin", "nothing", fallback="x") == "x"
    assert get_settings_or_config("VERSION").startswith("1.6")


@pytest.mark.django_db
def test_a_1x_graphql_type_shows_only_what_the_user_may_view(admin, django_user_model):
    from example_plugin.graphql.types import WidgetType
    from example_plugin.models import Widget

    from nautobot.apps.graphql import OptimizedNautobotObjectType

    assert issubclass(WidgetType, OptimizedNautobotObjectType)
    Widget.objects.create(name="seen", size=1, site=b.site())
    query = {"query": "{ widgets { name label } }"}
    assert TokenClient(Token.objects.create(user=admin).key).post("/api/graphql/", query).json()["data"] == {
        "widgets": [{"name": "seen", "label": "seen (1U)"}]
    }
    nobody = django_user_model.objects.create_user("no-grants", password="pw")
    answer = TokenClient(Token.objects.create(user=nobody).key).post("/api/graphql/", query).json()
    assert answer["data"] == {"widgets": []}


def test_the_1x_modules_that_apps_import():
    from nautobot.apps.admin import NautobotModelAdmin
    from nautobot.apps.datasources import DatasourceContent
    from nautobot.apps.jobs import Job, StringVar
    from nautobot.extras.plugins import PluginMenuButton
    from nautobot.extras.plugins.exceptions import PluginImproperlyConfigured, PluginNotFound
    from nautobot.extras.plugins.utils import import_object as utils_import_object
    from nautobot.extras.registry import DatasourceContent as RegistryDatasourceContent

    from django.contrib.admin import ModelAdmin

    assert issubclass(NautobotModelAdmin, ModelAdmin)
    assert DatasourceContent is RegistryDatasourceContent and utils_import_object is import_object
    assert Job.__module__.startswith("nautobot.extras.jobs") and StringVar().__class__.__name__ == "StringVar"
    assert issubclass(PluginNotFound, PluginImproperlyConfigured) and PluginImproperlyConfigured is PluginError
    button = PluginMenuButton("plugins:example_plugin:summary", "Add", "mdi mdi-plus", "success", ["x.add_y"])
    assert (button.color, button.permissions) == ("success", ["x.add_y"])


def test_a_plugin_that_is_not_installed_is_plugin_not_found():
    from nautobot.core.plugins.loading import load_plugins
    from nautobot.extras.plugins.exceptions import PluginNotFound

    settings = {"PLUGINS": ["no_such_plugin_here"], "INSTALLED_APPS": [], "MIDDLEWARE": []}
    with pytest.raises(PluginNotFound, match="Plugin no_such_plugin_here is not installed"):
        load_plugins(settings, "1.6.0")


def test_a_hook_may_be_any_iterable_but_a_string_or_a_mapping(monkeypatch):
    """As 1.x, which loops over it: the Data Validation Engine's hooks are objects whose `__iter__` yields a class
    per model having the `custom_validators` feature."""
    from django.apps import apps

    class PerModel:
        def __iter__(self):
            yield from ("dcim.site", "dcim.rack")

    config = apps.get_app_config("example_plugin")
    module = sys.modules["example_plugin.models"]
    monkeypatch.setattr(config, "graphql_types", "models.per_model_types", raising=False)
    for value, accepted in ((PerModel(), True), ((t for t in ["dcim.site"]), True), ("ab", False), ({}, False)):
        monkeypatch.setattr(module, "per_model_types", value, raising=False)
        if accepted:
            assert config.load_contents("graphql_types")[0] == "dcim.site"
        else:
            with pytest.raises(PluginError, match="must be a list"):
                config.load_contents("graphql_types")


@pytest.mark.django_db
def test_custom_validators_run_from_clean_once_wrapped_as_in_1x(monkeypatch):
    """Apps' tests call `obj.clean()` and expect their rules' refusal: once an app registers custom validators,
    every model that has some runs them from `clean()` (1.x's `wrap_model_clean_methods`), and `full_clean()`
    and the API's validation then leave them to `clean()`, so they run once."""
    from nautobot.extras.plugins.validators import wrap_model_clean_methods
    from nautobot.tenancy.models import Tenant

    calls = []

    class NoX(PluginCustomValidator):
        model = "tenancy.tenant"

        def clean(self):
            calls.append(self.context["object"].name)
            if self.context["object"].name.startswith("x"):
                self.validation_error({"name": "No x."})

    monkeypatch.setattr(Tenant, "clean", Tenant.clean)  # undone after the test
    with registry.custom_validators.registered(NoX):
        Tenant(name="y", slug="y").full_clean()
        assert calls == ["y"]  # not wrapped yet: full_clean() runs them
        wrap_model_clean_methods()
        with pytest.raises(ValidationError, match="No x"):
            Tenant(name="x", slug="x").clean()
        with pytest.raises(ValidationError, match="No x"):
            Tenant(name="x2", slug="x2").full_clean()
        assert calls == ["y", "x", "x2"]
