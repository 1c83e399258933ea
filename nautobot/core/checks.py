"""System checks of the specs (`nautobot-server check`; CI runs it): names in a spec that are not there.

A spec is a declaration; a name in it that its model lacks fails late and far from the spec (a 500 on the
first request, a column that is always empty, a form field that silently becomes text). These checks
read every registered spec at startup instead. The IDs are stable; each message's hint says how to fix it:

- `nautobot.E101` the spec's model is not installed (its app is not in INSTALLED_APPS) or is abstract;
- `nautobot.E102` `api_fields` / `brief_fields`: a name the serializer cannot build (not a model field,
  property, count, a field the spec's `serializer_base` declares, or one an app adds);
- `nautobot.E103` `filter_fields`: a model path that does not resolve;
- `nautobot.E104` `search_fields` (of the generated `q` filter): a model path that does not resolve;
- `nautobot.E105` `counts`: no such reverse relation, model or lookup back to this model;
- `nautobot.E106` `list_columns`: neither a model field, a count nor an attribute of the model;
- `nautobot.E107` `form_fields`: neither an editable model field nor a settable property;
- `nautobot.E108` `detail_tables`: no reverse relation of the model by that accessor;
- `nautobot.E109` `ui_view_classes`: a dotted path that does not import;
- `nautobot.E110` two specs with the same API endpoint (app and URL segment).

Registered by `CoreConfig.ready()`; the registry's own check (an entry of the wrong kind, `nautobot.E001`)
is `core/registry/checks.py`. That every spec has an API test case is a test
(`core/tests/test_api_contract.py`), not a check: test cases are not loaded in a deployment.
"""

from collections.abc import Iterable

from django.apps import apps
from django.core.checks import CheckMessage, Error
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.module_loading import import_string

from nautobot.core.api.serializers import serializer_for
from nautobot.core.api.versioning import ALLOWED_VERSIONS
from nautobot.core.filters import SearchFilter
from nautobot.core.specs import ObjectSpec, all_specs
from nautobot.core.views import defaults


def check_specs(app_configs=None, **kwargs) -> list[CheckMessage]:
    """Every registered spec (of the apps checked): its names exist, its model is installed, its endpoint is its own."""
    specs = [s for s in all_specs() if app_configs is None or s.model._meta.app_config in app_configs]
    messages: list[CheckMessage] = []
    for spec in specs:
        messages += spec_errors(spec)
    return messages + endpoint_errors(specs)


def spec_errors(spec: type[ObjectSpec]) -> list[CheckMessage]:
    """The errors of one spec (E101-E109)."""
    if not _installed(spec.model):
        return [
            _error(
                spec,
                "E101",
                f"the model {spec.model._meta.label} is not installed or is abstract.",
                "Add its app to INSTALLED_APPS (or PLUGINS), or remove the spec.",
            )
        ]
    return [
        *_serializer_errors(spec),
        *_filter_errors(spec),
        *_search_errors(spec),
        *_count_errors(spec),
        *_column_errors(spec),
        *_form_errors(spec),
        *_detail_table_errors(spec),
        *_view_class_errors(spec),
    ]


def endpoint_errors(specs: Iterable[type[ObjectSpec]]) -> list[CheckMessage]:
    """E110: specs whose API endpoints (app label and URL segment) collide."""
    seen: dict[tuple[str, str], type[ObjectSpec]] = {}
    errors = []
    for spec in specs:
        key = (spec.app_label(), spec.url_endpoint())
        if key in seen:
            errors.append(
                _error(
                    spec,
                    "E110",
                    f"the endpoint /api/{key[0]}/{key[1]}/ is also that of {_name(seen[key])}.",
                    "Set `endpoint` (or `api_app`) on one of the two specs.",
                )
            )
        else:
            seen[key] = spec
    return errors


# The checks of one spec -----------------------------------------------------------------------------------
def _serializer_errors(spec: type[ObjectSpec]) -> list[CheckMessage]:
    versions = [None, *ALLOWED_VERSIONS] if spec.field_versions else [None]
    builds = [(False, version) for version in versions] + [(True, None)]
    errors = []
    for brief, version in builds:
        try:
            serializer_for(spec.model, brief=brief, version=version)().fields  # noqa: B018  (building is the check)
        except Exception as exc:  # noqa: BLE001  (DRF's ImproperlyConfigured names the field; anything else too)
            attribute = "brief_fields" if brief else "api_fields"
            errors.append(
                _error(
                    spec,
                    "E102",
                    f"the serializer cannot be built from `{attribute}`: {exc}",
                    f"Name model fields, properties or `counts` in `{attribute}`, or declare the field on the "
                    "spec's `serializer_base`.",
                )
            )
            break
    return errors


def _filter_errors(spec: type[ObjectSpec]) -> list[CheckMessage]:
    errors = []
    for entry in spec.filter_fields:
        param, path = entry if isinstance(entry, tuple) else (entry, entry)
        problem = path_error(spec.model, path)
        if problem:
            errors.append(
                _error(
                    spec,
                    "E103",
                    f"`filter_fields` entry {param!r}: {problem}",
                    'Name a model field, or `("param", "relation__field")` for a path through relations.',
                )
            )
    return errors


def _search_errors(spec: type[ObjectSpec]) -> list[CheckMessage]:
    declared = getattr(spec.filterset_base, "declared_filters", {}).get("q")
    if declared is not None and not isinstance(declared, SearchFilter):
        return []
    fields = declared.search_fields if declared is not None else spec.search_fields
    return [
        _error(
            spec,
            "E104",
            f"`search_fields` entry {name!r}: {problem}",
            "Name text fields of the model (or `relation__field`); a model without `name` must set `search_fields`.",
        )
        for name in fields
        if (problem := path_error(spec.model, name))
    ]


def _count_errors(spec: type[ObjectSpec]) -> list[CheckMessage]:
    errors = []
    for name, relation in spec.counts.items():
        problem = _count_problem(spec.model, relation)
        if problem:
            errors.append(
                _error(
                    spec,
                    "E105",
                    f"`counts[{name!r}]`: {problem}",
                    'Give the accessor of a reverse relation ("devices"), or ("app.Model", "lookup__to__this").',
                )
            )
    return errors


def _count_problem(model: type[models.Model], relation: str | tuple[str, str]) -> str | None:
    if isinstance(relation, tuple):
        label, lookup = relation
        try:
            related = apps.get_model(label)
        except (LookupError, ValueError):
            return f"no installed model {label!r}."
        problem = path_error(related, lookup)
        if problem:
            return f"{label}: {problem}"
        target = _resolve(related, lookup).related_model
        if target is None or not issubclass(model, target):
            return f"{label}.{lookup} does not lead to {model._meta.label}."
        return None
    accessors = {r.get_accessor_name() for r in model._meta.related_objects} | {
        r.name for r in model._meta.related_objects
    }
    return None if relation in accessors else f"{model._meta.label} has no reverse relation {relation!r}."


def _column_errors(spec: type[ObjectSpec]) -> list[CheckMessage]:
    return [
        _error(
            spec,
            "E106",
            f"`list_columns` entry {name!r} is neither a field, a count nor an attribute of {spec.model._meta.label}.",
            "Name model fields, `counts` or model properties.",
        )
        for name in defaults.list_columns(spec)
        if defaults.model_field(spec, name) is None and name not in spec.counts and not hasattr(spec.model, name)
    ]


def _form_errors(spec: type[ObjectSpec]) -> list[CheckMessage]:
    errors = []
    for name in defaults.form_fields(spec):
        field = defaults.model_field(spec, name)
        if field is None and not defaults.settable_property(spec, name):
            problem = "neither a model field nor a settable property"
        elif field is not None and (not getattr(field, "editable", False) or field.auto_created):
            problem = "a model field that cannot be edited"
        else:
            continue
        errors.append(
            _error(
                spec,
                "E107",
                f"`form_fields` entry {name!r} is {problem} ({spec.model._meta.label}).",
                "Name editable model fields or properties with a setter.",
            )
        )
    return errors


def _detail_table_errors(spec: type[ObjectSpec]) -> list[CheckMessage]:
    accessors = {r.get_accessor_name() for r in spec.model._meta.related_objects}
    return [
        _error(
            spec,
            "E108",
            f"`detail_tables` entry {name!r} is no reverse relation of {spec.model._meta.label}.",
            f"Name the accessor of a reverse relation: one of {', '.join(sorted(a for a in accessors if '+' not in a))}.",
        )
        for name in spec.detail_tables
        if name not in accessors
    ]


def _view_class_errors(spec: type[ObjectSpec]) -> list[CheckMessage]:
    errors = []
    for action, dotted in spec.ui_view_classes.items():
        try:
            import_string(dotted)
        except ImportError as exc:
            errors.append(
                _error(
                    spec,
                    "E109",
                    f"`ui_view_classes[{action!r}]` = {dotted!r} does not import: {exc}",
                    "Give the dotted path of a view class (module.Class).",
                )
            )
    return errors


# Helpers ----------------------------------------------------------------------------------------------------
def path_error(model: type[models.Model], path: str) -> str | None:
    """Why the model path `path` (`field` or `relation__field`) does not resolve from `model`; None if it does."""
    try:
        _resolve(model, path)
    except FieldDoesNotExist as exc:
        return str(exc)
    return None


def _resolve(model: type[models.Model], path: str) -> models.Field:
    current, field = model, None
    for part in path.split("__"):
        if current is None:
            raise FieldDoesNotExist(f"{field.name} is not a relation, so it has no field {part!r}.")
        field = current._meta.get_field(part)
        current = field.related_model if field.is_relation else None
    return field


def _installed(model: type[models.Model]) -> bool:
    if model._meta.abstract:
        return False
    try:
        return apps.get_model(model._meta.label) is model
    except LookupError:
        return False


def _name(spec: type[ObjectSpec]) -> str:
    return f"{spec.__module__}.{spec.__qualname__}"


def _error(spec: type[ObjectSpec], number: str, message: str, hint: str) -> Error:
    return Error(message[:1].upper() + message[1:], hint=hint, obj=_name(spec), id=f"nautobot.{number}")
