"""Specs derived from models: how a 1.x app's models, which declare no spec, get what built-in models get.

A 1.x app declares models the 1.x way (subclassing `PrimaryModel`/`OrganizationalModel`, a `StatusField`,
`@extras_features(...)`) and no `ObjectSpec`. After every app's `specs.py` has run, `register_derived_specs()`
(the core's `ready()`) registers, for each concrete model of an app outside Nautobot that subclasses our
`BaseModel` and has no spec, one derived from its fields, so the change log, webhooks, custom fields,
relationships, statuses, notes, GraphQL, search and the generated API and pages work for it as for ours.
An app that wants other choices declares its own spec for the model (it then wins: it is registered first).

What is derived (each attribute as `ObjectSpec` documents it):
- `api_fields`: the model's fields in declaration order (hidden `_...` columns left out), then `tags`,
  `custom_fields`, `created`, `last_updated` where the model has them;
- `brief_fields`: `name`/`slug` where present, else the first unique field (an AS number);
- `filter_fields`: every field except JSON, binary and file columns (lookups derived from the types);
- `search_fields`: the text fields (`name`, `description`...), else the first unique field;
- `slug_source`: an `AutoSlugField`'s `populate_from` (a single field), else `name` when the model has a plain
  slug and a name, else none.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

from nautobot.core.models import BaseModel
from nautobot.core.specs import ObjectSpec, has_spec, register_spec

# Columns a generated filter cannot sensibly compare.
_UNFILTERABLE = (models.JSONField, models.BinaryField, models.FileField)
_TEXT = (models.CharField, models.TextField)
# Fields every spec lists last, in this order, as ours do.
_TRAILING = ("tags", "custom_fields", "created", "last_updated")


def register_derived_specs() -> list[type[ObjectSpec]]:
    """Register a derived spec for every app model that needs one (see the module docstring); return them."""
    derived = []
    for model in apps.get_models():
        if needs_derived_spec(model):
            derived.append(register_spec(derive_spec(model)))
    return derived


def needs_derived_spec(model: type[models.Model]) -> bool:
    """A concrete model of an app outside Nautobot, built on our `BaseModel`, without a spec of its own."""
    meta = model._meta
    if meta.abstract or meta.proxy or meta.auto_created or not issubclass(model, BaseModel):
        return False
    if meta.app_config is None or meta.app_config.name.split(".")[0] == "nautobot":
        return False
    return not has_spec(model)


def derive_spec(model: type[models.Model]) -> type[ObjectSpec]:
    """An `ObjectSpec` subclass for `model`, its attributes derived from the model's fields."""
    fields = _public_fields(model)
    names = [field.name for field in fields]
    attrs = {
        "__module__": model.__module__,
        "__doc__": f"The spec of {model._meta.label}, derived from the model (nautobot.core.spec_derivation).",
        "model": model,
        "api_fields": _api_fields(model, names),
        "brief_fields": _brief_fields(model, fields),
        "filter_fields": tuple(f.name for f in fields if not isinstance(f, _UNFILTERABLE) and f.name != "tags"),
        "search_fields": _search_fields(model, fields),
        "slug_source": _slug_source(model, names),
        "derived": True,
    }
    return type(f"{model.__name__}Spec", (ObjectSpec,), attrs)


def _public_fields(model: type[models.Model]) -> list[models.Field]:
    """Forward fields (columns and many-to-many), in declaration order, without the key and hidden `_` columns."""
    fields = []
    for field in model._meta.get_fields():
        if field.auto_created or not (field.concrete or field.many_to_many):
            continue  # reverse relations, generic relations and foreign keys
        if field.primary_key or field.name.startswith("_"):
            continue
        fields.append(field)
    return fields


def _api_fields(model: type[models.Model], names: list[str]) -> tuple[str, ...]:
    has = set(names)
    if hasattr(model, "_custom_field_data"):
        has.add("custom_fields")
    own = [name for name in names if name not in _TRAILING]
    return (*own, *(name for name in _TRAILING if name in has))


def _brief_fields(model: type[models.Model], fields: list[models.Field]) -> tuple[str, ...]:
    naming = tuple(f.name for f in fields if f.name in ("name", "slug"))
    if naming:
        return naming
    unique = [f.name for f in fields if f.unique and not f.is_relation]
    return tuple(unique[:1])


def _search_fields(model: type[models.Model], fields: list[models.Field]) -> tuple[str, ...]:
    text = tuple(f.name for f in fields if isinstance(f, _TEXT) and not f.choices)
    if text:
        return text
    unique = [f.name for f in fields if f.unique and not f.is_relation]
    return tuple(unique[:1])


def _slug_source(model: type[models.Model], names: list[str]) -> str | None:
    if "slug" not in names:
        return None
    populate_from = getattr(model._meta.get_field("slug"), "populate_from", None)
    if isinstance(populate_from, str) and "." not in populate_from and "__" not in populate_from:
        return populate_from
    if populate_from is None and "name" in names:
        return "name"
    return None
