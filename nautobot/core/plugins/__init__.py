"""Plugins, as the core sees them: loading (`loading.load_plugins`, before Django starts), the loaded
plugins' app configs, and their URLs (`urls`, `api_urls`).

A plugin's app config is any `AppConfig` marked `nautobot_plugin = True` (what
`nautobot.extras.plugins.PluginConfig`, the class plugins subclass, sets); the core reads the attributes
that class documents (`url_segment()`, `version`, `min_version`, ...) and never imports it.

Importable before Django is set up (the configuration loader uses it).
"""

from __future__ import annotations

import importlib

from django.core.exceptions import ImproperlyConfigured


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


__all__ = [
    "PluginError",
    "PluginNotFound",
    "is_plugin_config",
    "module_urlpatterns",
    "optional_module",
    "plugin_configs",
]
