"""The 1.x `PluginConfig` hooks, each registered into its store of the core registry when the plugin is ready.

Each hook is a dotted path relative to the plugin's package, `"module.attribute"`, whose default is where 1.x
looks (`custom_validators.custom_validators`, ...). As on 1.x, a module or attribute that is not there means
the plugin does not use the hook; an error inside the plugin's module stops the start with its name.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping

from nautobot.core.plugins import PluginError
from nautobot.core.registry import (
    AppMetric,
    BannerFunction,
    DatasourceContent,
    FilterExtension,
    JinjaFilter,
    registry,
)


def import_object(dotted: str):
    """The object at `"package.module.attribute"`, or None when the module or the attribute does not exist."""
    module_path, _, attribute = dotted.rpartition(".")
    try:
        module = importlib.import_module(module_path)
    except ModuleNotFoundError as exc:
        if exc.name and (module_path == exc.name or module_path.startswith(f"{exc.name}.")):
            return None
        raise PluginError(f"Importing {module_path} failed: {exc}") from exc
    except Exception as exc:  # noqa: BLE001  (the plugin's own import error: name the module)
        raise PluginError(f"Importing {module_path} failed: {type(exc).__name__}: {exc}") from exc
    return getattr(module, attribute, None)


def hook_object(config, hook: str):
    """What the plugin's `hook` path names, or None."""
    dotted = getattr(config, hook, None)
    if not dotted:
        return None
    if not isinstance(dotted, str):
        raise PluginError(f'Plugin {config.name}: {hook} must be a dotted path ("module.attribute"), not {dotted!r}.')
    return import_object(f"{config.name}.{dotted}")


def hook_list(config, hook: str) -> list:
    """The entries of the plugin's `hook` list, or [] when it does not use the hook.

    As on 1.x, any iterable will do, not only a list: some apps (the Data Validation Engine) export an object whose
    `__iter__` generates one class per registered model, read once here when the plugin is ready.
    """
    found = hook_object(config, hook)
    if found is None:
        return []
    if isinstance(found, (str, bytes, Mapping, type)) or not isinstance(found, Iterable):
        raise PluginError(f"Plugin {config.name}: {config.name}.{getattr(config, hook)} ({hook}) must be a list.")
    return list(found)


def register_custom_validators(config) -> None:
    for validator in hook_list(config, "custom_validators"):
        if not getattr(validator, "model", ""):
            raise PluginError(f"Plugin {config.name}: custom validator {validator!r} names no model.")
        registry.custom_validators.register(validator)
    if registry.custom_validators:
        from nautobot.extras.plugins.validators import wrap_model_clean_methods

        wrap_model_clean_methods()


def register_filter_extensions(config) -> None:
    for extension in hook_list(config, "filter_extensions"):
        if not (isinstance(extension, type) and issubclass(extension, FilterExtension)) or not extension.model:
            raise PluginError(f"Plugin {config.name}: {extension!r} is not a PluginFilterExtension naming a model.")
        registry.filter_extensions.register(extension)


def register_banner_function(config) -> None:
    function = hook_object(config, "banner_function")
    if function is None:
        return
    if not callable(function):
        raise PluginError(f"Plugin {config.name}: banner_function {function!r} is not callable.")
    registry.banners.register(BannerFunction(function))


def register_metrics(config) -> None:
    for function in hook_list(config, "metrics"):
        registry.app_metrics.register(AppMetric(function))


def register_jinja_filters(config) -> None:
    """Import the plugin's filters module: its filters register themselves with django-jinja's `@library.filter`,
    as 1.x documents; they go from that library into `jinja_filters`."""
    dotted = getattr(config, "jinja_filters", None)
    if dotted and import_object(f"{config.name}.{dotted}.__name__") is not None:
        register_library_jinja_filters()


def register_library_jinja_filters() -> None:
    """Every filter registered with django-jinja's `library.filter` so far, as a `JinjaFilter`."""
    library = importlib.import_module("django_jinja.library")
    for name, function in library._local_env["filters"].items():
        if registry.jinja_filters.get(name) is None:
            registry.jinja_filters.register(JinjaFilter(name, function))


def register_datasource_contents(config) -> None:
    """`[("extras.gitrepository", DatasourceContent(...)), ...]`: what the plugin loads from Git repositories."""
    from nautobot.extras.registry import DatasourceContent as LegacyContent

    for entry in hook_list(config, "datasource_contents"):
        model, content = entry if isinstance(entry, (list, tuple)) and len(entry) == 2 else (None, entry)
        if model != "extras.gitrepository" or not isinstance(content, (LegacyContent, DatasourceContent)):
            raise PluginError(
                f"Plugin {config.name}: datasource_contents takes ('extras.gitrepository', DatasourceContent(...))"
                f" pairs, not {entry!r}."
            )
        registry.datasource_contents.register(content.as_content() if isinstance(content, LegacyContent) else content)


def register_hooks(config) -> None:
    """Register everything `config` (a plugin's app config) declares through the hooks of this module."""
    register_custom_validators(config)
    register_filter_extensions(config)
    register_banner_function(config)
    register_metrics(config)
    register_jinja_filters(config)
    register_datasource_contents(config)
