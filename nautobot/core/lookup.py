"""Finding things by name: an object by its dotted path, the URL name of a model's page or API endpoint."""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.db import models

from nautobot.core.api.urlbuilding import is_plugin
from nautobot.core.specs import has_spec, spec_for


def dynamic_import(name: str) -> Any:
    """The object at the dotted path `name` ("package.module.Class", or an attribute of it); ImportError or
    AttributeError when there is none."""
    parts = name.split(".")
    found: Any = importlib.import_module(parts[0])
    for index, part in enumerate(parts[1:], start=2):
        try:
            found = getattr(found, part)
        except AttributeError:
            found = importlib.import_module(".".join(parts[:index]))
    return found


def _model(model: Any) -> type[models.Model]:
    if isinstance(model, str):
        return apps.get_model(model)
    return model if isinstance(model, type) else type(model)


def get_route_for_model(model: Any, action: str, api: bool = False) -> str:
    """The URL name of a model's page or API endpoint, as 1.x names them: `dcim:device_list`, `dcim:device`
    (action "detail" or ""), `plugins:<app>:<model>_add`, `dcim-api:device-list`, `plugins-api:<app>-api:...`.

    `model`: a model class, an instance, or "app_label.ModelName".
    """
    model = _model(model)
    app_label = spec_for(model).app_label() if has_spec(model) else model._meta.app_label
    route = spec_for(model).route_name() if has_spec(model) else model._meta.model_name
    if api:
        namespace = f"plugins-api:{app_label}-api" if is_plugin(app_label) else f"{app_label}-api"
        return f"{namespace}:{route}-{action or 'detail'}"
    namespace = f"plugins:{app_label}" if is_plugin(app_label) else app_label
    return f"{namespace}:{route}" if action in ("", "detail") else f"{namespace}:{route}_{action}"


def get_related_class_for_model(model: Any, module_name: str, object_suffix: str) -> Any:
    """1.x: the class `<ModelName><object_suffix>` in the `module_name` module of the model's app (its forms,
    tables, filters...), or None. `model`: a model class, an instance, or "app_label.ModelName"."""
    model = _model(model)
    if not (isinstance(model, type) and issubclass(model, models.Model)):
        raise TypeError(f"{model!r} is not a Django model class")
    module = f"{apps.get_app_config(model._meta.app_label).name}.{module_name}"
    try:
        return getattr(importlib.import_module(module), f"{model.__name__}{object_suffix}", None)
    except ModuleNotFoundError as exc:
        if exc.name != module:  # the module exists but fails to import: that is the app's error to see
            raise
        return None


def get_form_for_model(model: Any, form_prefix: str = "") -> Any:
    """1.x: `<ModelName><form_prefix>Form` of the model's app's `forms` module (`form_prefix="Filter"`), or None."""
    return get_related_class_for_model(model, "forms", f"{form_prefix}Form")


def get_table_for_model(model: Any) -> Any:
    """1.x: `<ModelName>Table` of the model's app's `tables` module; for a model of ours without one, the table of
    its list page; else None."""
    declared = get_related_class_for_model(model, "tables", "Table")
    if declared is None and has_spec(_model(model)):
        from nautobot.core.tables import table_for

        return table_for(spec_for(_model(model)))
    return declared


__all__ = [
    "dynamic_import",
    "get_form_for_model",
    "get_related_class_for_model",
    "get_route_for_model",
    "get_table_for_model",
]
