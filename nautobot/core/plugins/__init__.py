"""Plugins, as the core sees them: loading (`loading.load_plugins`, before Django starts), the loaded
plugins' app configs, and their URLs (`urls`, `api_urls`).

A plugin's app config is any `AppConfig` marked `nautobot_plugin = True` (what
`nautobot.extras.plugins.PluginConfig`, the class plugins subclass, sets); the core reads the attributes
that class documents (`url_segment()`, `version`, `min_version`, ...) and never imports it.

Importable before Django is set up (the configuration loader uses it).
"""

from __future__ import annotations

import importlib
import logging
from typing import Any, NamedTuple

from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)


class PluginError(ImproperlyConfigured):
    """A plugin cannot be loaded; the message names the plugin and the reason."""


class PluginNotFound(PluginError):
    """A plugin named in `PLUGINS` is not installed in this environment."""


def is_plugin_config(config) -> bool:
    """Whether `config` (an app config or its class) is a Nautobot plugin's."""
    return bool(getattr(config, "nautobot_plugin", False))


def plugin_configs() -> list:
    """The loaded plugins' app configs, in `PLUGINS` order."""
    from django.apps import apps  # importable before Django is set up: the registry only when called

    return [config for config in apps.get_app_configs() if is_plugin_config(config)]


def optional_module(package: str, dotted: str):
    """Import `<package>.<dotted>`, or return None if the package has no such module."""
    try:
        return importlib.import_module(f"{package}.{dotted}")
    except ModuleNotFoundError as exc:
        if exc.name and f"{package}.{dotted}".startswith(exc.name):
            return None
        raise


def module_urlpatterns(package: str, dotted: str) -> list:
    """`urlpatterns` of `<package>.<dotted>` (e.g. "urls", "api.urls"), empty if there is no such module."""
    module = optional_module(package, dotted)
    return list(getattr(module, "urlpatterns", [])) if module is not None else []


class ConstanceConfigItem(NamedTuple):
    """A setting a 1.x app declares in `constance_config` (editable at run time on 1.x): its default is used."""

    default: Any
    help_text: str = ""
    field_type: Any = None


_MISSING = object()


def get_app_settings_or_config(app_name: str, variable_name: str, fallback: Any = None) -> Any:
    """`PLUGINS_CONFIG[app_name][variable_name]`, else the default of the app's `constance_config` entry of that
    name (we keep no run-time settings in the database), else `fallback` (logged: the app asked for a name it
    does not declare)."""
    from django.apps import apps
    from django.conf import settings

    value = settings.PLUGINS_CONFIG.get(app_name, {}).get(variable_name, _MISSING)
    if value is not _MISSING:
        return value
    config = next((c for c in apps.get_app_configs() if c.name == app_name), None)
    item = (getattr(config, "constance_config", None) or {}).get(variable_name)
    if item is not None:
        return item.default if isinstance(item, ConstanceConfigItem) else item
    logger.warning("App %s has no setting %s; using %r", app_name, variable_name, fallback)
    return fallback


def get_settings_or_config(variable_name: str, fallback: Any = None) -> Any:
    """The Nautobot setting `variable_name` if the settings define it, else its runtime value (django-constance, as
    1.x; `nautobot.core.runtime_settings`), else `fallback`."""
    from nautobot.core.runtime_settings import get_settings_or_config as read

    return read(variable_name, fallback)


__all__ = [
    "ConstanceConfigItem",
    "PluginError",
    "PluginNotFound",
    "get_app_settings_or_config",
    "get_settings_or_config",
    "is_plugin_config",
    "module_urlpatterns",
    "optional_module",
    "plugin_configs",
]
