"""Check the plugins named in `PLUGINS` and add them to the settings, before Django starts.

Runs when the configuration is read (`core.config`), so a plugin that cannot load stops every
process (web, worker, any command) at start with one line naming the plugin and the reason, instead
of a half-started server.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from typing import Any

from django.apps import AppConfig
from packaging.version import InvalidVersion, Version

from nautobot.core.plugins import PluginError, PluginNotFound, is_plugin_config


def load_plugins(settings: dict[str, Any], nautobot_version: str) -> None:
    """Validate each plugin of `settings["PLUGINS"]` and add its app, apps and middleware; raise `PluginError`."""
    plugins = settings.get("PLUGINS") or []
    if not isinstance(plugins, (list, tuple)) or not all(isinstance(name, str) for name in plugins):
        raise PluginError("PLUGINS must be a list of installed package names, e.g. PLUGINS = ['nautobot_example'].")
    plugins_config = settings.setdefault("PLUGINS_CONFIG", {})
    if not isinstance(plugins_config, dict):
        raise PluginError("PLUGINS_CONFIG must be a dict: {plugin name: {setting: value}}.")
    installed = list(settings["INSTALLED_APPS"])
    middleware = list(settings.get("MIDDLEWARE", []))
    for name in plugins:
        try:
            package = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):
                raise PluginNotFound(
                    f"Plugin {name} is not installed: install it into this environment ({sys.executable} -m pip install ...) "
                    "or remove it from PLUGINS."
                ) from None
            raise PluginError(f"Plugin {name} failed to import: {exc}") from exc
        except Exception as exc:  # noqa: BLE001  (any error in the plugin's own import: name it)
            raise PluginError(f"Plugin {name} failed to import: {type(exc).__name__}: {exc}") from exc
        config = getattr(package, "config", None)
        if not (inspect.isclass(config) and issubclass(config, AppConfig) and is_plugin_config(config)):
            raise PluginError(
                f"Plugin {name} has no `config` (a nautobot.extras.plugins.PluginConfig subclass) in {name}/__init__.py."
            )
        _check_versions(name, config, nautobot_version)
        user_config = plugins_config.get(name, {})
        if not isinstance(user_config, dict):
            raise PluginError(f"PLUGINS_CONFIG[{name!r}] must be a dict of settings.")
        missing = [key for key in config.required_settings if key not in user_config]
        if missing:
            raise PluginError(f"Plugin {name} requires PLUGINS_CONFIG[{name!r}] to set: {', '.join(missing)}.")
        plugins_config[name] = {**config.default_settings, **user_config}
        config_path = f"{config.__module__}.{config.__qualname__}"
        for app in (config_path, *config.installed_apps):
            if app not in installed and app != name:
                installed.append(app)
        middleware.extend(m for m in config.middleware if m not in middleware)
    settings["INSTALLED_APPS"] = installed
    settings["MIDDLEWARE"] = middleware


def _check_versions(name: str, config, nautobot_version: str) -> None:
    current = Version(nautobot_version)
    for bound, too_far in (("min_version", lambda v: current < v), ("max_version", lambda v: current > v)):
        value = getattr(config, bound)
        if not value:
            continue
        try:
            limit = Version(value)
        except InvalidVersion:
            raise PluginError(f"Plugin {name}: {bound} {value!r} is not a version number.") from None
        if too_far(limit):
            word = "at least" if bound == "min_version" else "at most"
            raise PluginError(f"Plugin {name} needs Nautobot {word} {value}; this is Nautobot {nautobot_version}.")
