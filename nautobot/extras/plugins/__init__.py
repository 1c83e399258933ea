"""Apps (plugins): the classes a plugin package uses to describe itself and what it adds to Nautobot.

A plugin is an installed Python package named in `PLUGINS` whose top-level module has
`config = <PluginConfig subclass>`. Loading (`nautobot.core.plugins.loading.load_plugins`, run when the
configuration is read, before Django starts) checks it and adds it to `INSTALLED_APPS`; the class's `ready()` then
registers what it brings in the core registry (`nautobot.core.registry`), the same stores the built-in
features use: menu items as `menu_links`, `template_extensions` and `graphql_types`. By convention, and each overridable by a dotted path relative to the
package (`"module.attribute"`):

- models and migrations: as any Django app; `specs.py`: API, filters and GraphQL from the shared machinery;
- `urls.urlpatterns`: UI pages under `/plugins/<base_url>/`;
- `api.urls.urlpatterns`: extra API views under `/api/plugins/<base_url>/` (besides the spec endpoints);
- `jobs.py`: job classes (found by the job registry); `navigation.menu_items`; `template_content.template_extensions`;
  `graphql.types.graphql_types`; `secrets.secrets_providers` (`SecretsProvider` subclasses, into `secrets_providers`);
- `tasks.py`: Celery tasks (`@nautobot_task`), found by every worker; legacy `@job` RQ tasks run on `rqworker`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import AppConfig

from nautobot.core.choices import ButtonColorChoices  # 1.x: app menus import it from here
from nautobot.core.plugins import PluginError, plugin_configs
from nautobot.core.registry import (
    Banner,
    CustomValidator,
    FilterExtension,
    TemplateExtension,
    registry,
)
from nautobot.extras.plugins.hooks import hook_list, hook_object, register_hooks
from nautobot.extras.secrets import register_secrets_provider


class PluginConfig(AppConfig):
    """Base of every plugin's configuration: set the attributes, name it `config` in the package."""

    # Shown in /api/plugins/installed-plugins/ and /api/status/.
    author = ""
    author_email = ""
    description = ""
    version = ""
    # URL segment under /plugins/ and /api/plugins/ (default: the package name with dashes).
    base_url: str | None = None
    # Nautobot versions this plugin works with (inclusive bounds, PEP 440 strings).
    min_version: str | None = None
    max_version: str | None = None
    # Keys that must be in PLUGINS_CONFIG[<name>]; defaults for the others.
    required_settings: list[str] = []
    default_settings: dict = {}
    # Django middleware and apps the plugin needs besides itself.
    middleware: list[str] = []
    installed_apps: list[str] = []
    # Where the conventional contents live ("module.attribute", relative to the package). Jobs are
    # found in `<package>.jobs` by the job registry (nautobot.extras.jobs.registry), like any app's.
    menu_items = "navigation.menu_items"
    template_extensions = "template_content.template_extensions"
    homepage_layout = "homepage.layout"
    override_views = "views.override_views"
    graphql_types = "graphql.types.graphql_types"
    secrets_providers = "secrets.secrets_providers"
    # The hooks of `hooks.py`: a missing module or attribute means the plugin does not use it.
    custom_validators = "custom_validators.custom_validators"
    filter_extensions = "filter_extensions.filter_extensions"
    banner_function = "banner.banner"
    metrics = "metrics.metrics"
    jinja_filters = "jinja_filters"
    jobs = "jobs.jobs"
    datasource_contents = "datasources.datasource_contents"
    # URL names of the plugin's own pages, linked from the installed plugins page.
    home_view_name: str | None = None
    config_view_name: str | None = None
    docs_view_name: str | None = None
    # 1.x's query cache (cacheops) settings for the plugin's models: accepted and unused, we cache no query.
    caching_config: dict = {}
    # Settings editable at run time on 1.x (`ConstanceConfigItem`s): read by `get_app_settings_or_config`
    # (their defaults: we keep no settings in the database).
    constance_config: dict = {}
    # Model names of the plugin shown in the global search: every model with a spec already is.
    searchable_models: list[str] = []

    default_auto_field = "django.db.models.BigAutoField"
    # How the core recognises a plugin without importing this module.
    nautobot_plugin = True

    @classmethod
    def url_segment(cls) -> str:
        return cls.base_url or cls.name.replace("_", "-")

    def ready(self) -> None:
        # Here, not at the top: this module is imported while the configuration is read (plugins subclass
        # PluginConfig), before Django's apps exist, and the web UI's modules need them.
        from nautobot.extras.plugins.ui import register_ui

        self.require_related_models()
        register_ui(self)
        for graphql_type in self.load_contents("graphql_types"):
            registry.graphql_types.register(graphql_type)
        for provider in self.load_contents("secrets_providers"):
            register_secrets_provider(provider)
        register_hooks(self)

    def require_related_models(self) -> None:
        """A model of this plugin related to a model this installation does not have (a 1.x feature not here yet,
        such as `extras.DynamicGroup`, or an app not in `PLUGINS`) stops start-up in one line, rather than failing
        later wherever the relation is used."""
        for model in self.get_models():
            for relation in model._meta.get_fields():
                if relation.is_relation and isinstance(relation.related_model, str):
                    raise PluginError(
                        f"Plugin {self.name} cannot be loaded: {model._meta.label}.{relation.name} relates to "
                        f"{relation.related_model}, which this installation does not have."
                    )

    def load_contents(self, key: str) -> list:
        """The list at this plugin's `<key>` path (`hooks.hook_list`): empty when the plugin does not use the hook."""
        return hook_list(self, key)

    def load_content(self, key: str):
        """What this plugin's `<key>` path names (`hooks.hook_object`): None when the module or the attribute is not
        there, as 1.x reads a hook the plugin does not use."""
        return hook_object(self, key)


@dataclass
class PluginMenuButton:
    """A small button beside a menu item (e.g. "add"); `color` is a Bootstrap color name ("default", "success"...)."""

    link: str
    title: str
    icon_class: str = ""
    color: str = "default"
    permissions: list[str] = field(default_factory=list)


@dataclass
class PluginMenuItem:
    """An entry of the plugins menu: a URL name (`plugins:<app>:<view>`), its text and the permissions needed to see it."""

    link: str
    link_text: str
    permissions: list[str] = field(default_factory=list)
    buttons: list[PluginMenuButton] = field(default_factory=list)


# The 1.x names of the kinds of the registry's stores that plugins fill (1.5+ also spells them without "Plugin").
NautobotAppConfig = PluginConfig
PluginTemplateExtension = TemplateExtension
PluginCustomValidator = CustomValidator
PluginFilterExtension = FilterExtension
PluginBanner = Banner


__all__ = [
    "Banner",
    "ButtonColorChoices",
    "CustomValidator",
    "FilterExtension",
    "NautobotAppConfig",
    "PluginBanner",
    "PluginConfig",
    "PluginCustomValidator",
    "PluginError",
    "PluginFilterExtension",
    "PluginMenuButton",
    "PluginMenuItem",
    "PluginTemplateExtension",
    "TemplateExtension",
    "plugin_configs",
]
