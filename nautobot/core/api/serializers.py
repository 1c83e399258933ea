"""Serializers derived from specs: DRF's ModelSerializer with the original's field conventions.

The type→field tables (`serializer_related_field`, `serializer_choice_field`) and `build_*` hooks
choose our fields: nested objects for foreign keys, `{value, label}` for choices, `"app.model"`
for content types, slugs for statuses. `validate()` runs the model's `full_clean()`, so model rules
apply to every API write.
"""

import copy
import functools
import importlib
from typing import Any, ClassVar

from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.text import slugify
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.utils.field_mapping import get_relation_kwargs
from rest_framework.validators import UniqueTogetherValidator, UniqueValidator

from nautobot.core import fastpath
from nautobot.core.api.brief import brief_representation
from nautobot.core.api.fields import ChoiceField, ContentTypeField, DisplayField, NestedRelatedField, URLField
from nautobot.core.models.validation import run_custom_validators
from nautobot.core.registry import registry
from nautobot.core.specs import ObjectSpec, has_spec, spec_for

_cache: dict[tuple, type[serializers.Serializer]] = {}


def django_errors_to_drf(error: DjangoValidationError) -> serializers.ValidationError:
    """Map a model ValidationError to DRF's shape (`__all__` becomes `non_field_errors`)."""
    if hasattr(error, "error_dict"):
        return serializers.ValidationError(
            {("non_field_errors" if k == "__all__" else k): [str(m) for m in v] for k, v in error.message_dict.items()}
        )
    return serializers.ValidationError({"non_field_errors": error.messages})


@functools.cache
def _foreign_key_names(model: type[models.Model]) -> frozenset[str]:
    return frozenset(f.name for f in model._meta.concrete_fields if f.is_relation)


def full_clean_quietly(
    instance: models.Model,
    *,
    exclude: list[str],
    skip_field_checks: list[str],
    unique_checks_done: frozenset = frozenset(),
) -> None:
    """`instance.full_clean(exclude=...)`, minus field checks of `skip_field_checks`; errors in DRF's shape.

    Unlike passing them in `exclude`, the skipped fields still take part in unique and model checks.
    `unique_checks_done`: sets of field names whose uniqueness was already checked (one query each,
    by the serializer's validators), so the model does not ask the database again.
    """
    errors: dict = {}
    steps = (
        lambda: instance.clean_fields(exclude=[*exclude, *skip_field_checks]),
        instance.clean,
        lambda: run_custom_validators(instance, unless_clean_does=True),
        lambda: fastpath.validate_unique(instance, exclude=exclude, done=unique_checks_done),
        lambda: instance.validate_constraints(exclude=exclude),
    )
    for step in steps:
        try:
            step()
        except DjangoValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise django_errors_to_drf(DjangoValidationError(errors))


class BaseModelSerializer(serializers.ModelSerializer):
    """Base of every generated serializer; hand-written overrides subclass it (see `ObjectSpec.serializer_base`).

    Also Nautobot 1.x's `BaseModelSerializer`, which apps subclass with their own `Meta.fields`: `display` is
    always part of the representation, and a foreign key the class does not declare is its primary key
    (DRF's default). Generated serializers set `nested_relations`: a foreign key is then the related
    object's brief dict, a content type `"app.model"`, a status `{value, label}`.
    """

    nested_relations: ClassVar[bool] = False
    serializer_choice_field = ChoiceField

    url = URLField()
    display = DisplayField()

    def get_field_names(self, declared_fields, info) -> list[str]:
        names = list(super().get_field_names(declared_fields, info))
        if self.nested_relations:
            return names  # generated: the spec's fields are the wire contract
        # As 1.6's: an app's serializer always shows `id` (first) and `display`, and, unless it is a nested
        # serializer, the model's `created` and `last_updated`.
        if "id" not in names:
            names.insert(0, "id")
        extra = ["display"]
        if not isinstance(self, WritableNestedSerializer) and not type(self).__name__.startswith("Nested"):
            extra += [name for name in ("created", "last_updated") if name in info.fields]
        return names + [name for name in extra if name not in names]

    def build_field(self, field_name: str, info, model_class, nested_depth):
        extra = registry.extra_fields.get(field_name)
        if extra is not None:
            return extra.build(model_class)
        return super().build_field(field_name, info, model_class, nested_depth)

    def build_relational_field(self, field_name: str, relation_info) -> tuple[type, dict]:
        field_class, kwargs = super().build_relational_field(field_name, relation_info)
        if not self.nested_relations:
            return field_class, kwargs
        related = relation_info.related_model
        if related is ContentType:
            return ContentTypeField, {
                k: v for k, v in kwargs.items() if k in ("queryset", "many", "required", "allow_null", "read_only")
            }
        special = registry.serializer_field_overrides.get(related._meta.label)
        if special is not None:
            return special.field_class, {
                k: v for k, v in kwargs.items() if k in ("queryset", "many", "required", "allow_null", "read_only")
            }
        kwargs.pop("view_name", None)
        return NestedRelatedField, kwargs

    def build_property_field(self, field_name: str, model_class) -> tuple[type, dict]:
        return serializers.ReadOnlyField, {}

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        for hook in registry.validation_hooks:
            attrs = hook.validate(self, attrs)
        if self.instance is None:
            self._apply_default_status(attrs)
            self._derive_slug(attrs)
        self._run_model_validation(attrs)
        return attrs

    def create(self, validated_data: dict):
        tags = validated_data.pop("tags", None)
        related = self._pop_related(validated_data)
        instance = super().create(validated_data)
        if tags:
            instance.tags.set(tags)
        self._save_related(instance, related)
        return instance

    def update(self, instance, validated_data: dict):
        tags = validated_data.pop("tags", None)
        related = self._pop_related(validated_data)
        instance = super().update(instance, validated_data)
        if tags is not None:
            instance.tags.set(tags)
        self._save_related(instance, related)
        return instance

    def _pop_related(self, validated_data: dict) -> list:
        """Values of fields that write other rows once the instance is saved (fields with `save_related`)."""
        return [
            (field, validated_data.pop(field.source))
            for field in self.fields.values()
            if hasattr(field, "save_related") and field.source in validated_data
        ]

    def _save_related(self, instance, related: list) -> None:
        for field, value in related:
            field.save_related(instance, value)

    def get_validators(self) -> list:
        validators = super().get_validators()
        if "slug" in self.fields and has_spec(self.Meta.model) and derives_slug(spec_for(self.Meta.model)):
            # A slug left out is derived in `validate()`; the model's own unique checks then cover it.
            validators = [v for v in validators if "slug" not in getattr(v, "fields", ())]
        return validators

    def _derive_slug(self, attrs: dict) -> None:
        if not has_spec(self.Meta.model):
            return
        spec = spec_for(self.Meta.model)
        if "slug" in self.fields and not attrs.get("slug") and derives_slug(spec) and attrs.get(spec.slug_source):
            attrs["slug"] = derived_slug(self.Meta.model, attrs[spec.slug_source], spec.slug_separator, attrs)

    def _apply_default_status(self, validated_data: dict) -> None:
        if not has_spec(self.Meta.model):
            return
        spec = spec_for(self.Meta.model)
        if spec.default_status and "status" not in self.fields and "status" not in validated_data:
            from django.apps import apps

            memo = self.context.setdefault("_default_statuses", {}) if isinstance(self.context, dict) else {}
            if spec.default_status not in memo:
                status_model = apps.get_model("extras", "Status")
                memo[spec.default_status] = status_model.objects.filter(slug=spec.default_status).first()
            validated_data["status"] = memo[spec.default_status]

    def _run_model_validation(self, attrs: dict) -> None:
        model = self.Meta.model
        relations = {f.name for f in model._meta.get_fields() if f.many_to_many or f.one_to_many}
        plain = {
            k: v
            for k, v in attrs.items()
            if k not in relations and not k.startswith("_custom") and k in self._model_field_names()
        }
        unchanged_relations = []
        if self.instance is not None and not isinstance(self.instance, list):
            # A copy (Django copies the related-object caches too): validation must not touch the
            # instance that is saved afterwards, and re-reading it would cost a query.
            instance = copy.copy(self.instance)
            for key, value in plain.items():
                setattr(instance, key, value)
            # Foreign keys this request leaves alone point at rows the database guarantees exist.
            unchanged_relations = [f.name for f in model._meta.concrete_fields if f.is_relation and f.name not in plain]
        else:
            instance = model(**plain)
        if "_custom_field_data" in attrs:
            instance._custom_field_data = attrs["_custom_field_data"]
        # Related objects given in this request were already looked up by their serializer fields;
        # re-checking that they exist (one query each) is all that skipping them in clean_fields saves.
        resolved = [k for k, v in plain.items() if isinstance(v, models.Model)] + unchanged_relations
        full_clean_quietly(
            instance,
            exclude=self._unvalidated_fields(),
            skip_field_checks=resolved,
            unique_checks_done=self._unique_checks_done(instance),
        )
        # What `clean()` normalized (e.g. a MAC address to its canonical form) is what gets saved. Relations are
        # left as the request resolved them (a model's attribute of that name may not be the object:
        # `IPAddress.interface` is 1.x's manager).
        foreign_keys = _foreign_key_names(model)
        for key, value in plain.items():
            if key not in foreign_keys and not isinstance(value, models.Model):
                attrs[key] = getattr(instance, key)

    def _unique_checks_done(self, instance: models.Model) -> frozenset:
        """Field sets whose uniqueness DRF's validators have checked by now, plus a new row's generated pk."""
        done = set()
        for validator in self.validators:
            if isinstance(validator, UniqueTogetherValidator) and getattr(validator, "condition", None) is None:
                done.add(
                    frozenset(self.fields[name].source if name in self.fields else name for name in validator.fields)
                )
        for field in self.fields.values():
            if any(isinstance(validator, UniqueValidator) for validator in field.validators):
                done.add(frozenset([field.source]))
        pk = instance._meta.pk
        if instance._state.adding and pk.has_default() and "id" not in getattr(self, "initial_data", {}):
            done.add(frozenset([pk.name]))  # a fresh UUID4: the insert itself would refuse a duplicate
        return frozenset(done)

    def _model_field_names(self) -> set[str]:
        return {f.name for f in self.Meta.model._meta.concrete_fields}

    def _unvalidated_fields(self) -> list[str]:
        return []

    def run_validation(self, data: Any = empty) -> Any:
        if isinstance(data, dict):
            # Unknown keys are ignored (clients post whole documents); keep only what we know.
            data = {k: v for k, v in data.items() if k in self.fields}
        return super().run_validation(data)


class ValidatedModelSerializer(BaseModelSerializer):
    """Nautobot 1.x's name for a serializer whose writes are validated by the model (`full_clean()`, run by
    `BaseModelSerializer.validate()` for every serializer of ours): what apps subclass for their models."""


class WritableNestedSerializer(BaseModelSerializer):
    """A related object inside another serializer, as Nautobot 1.x's: written as its primary key or a dict of
    attributes that names exactly one object (`{"slug": "x"}`), read with the nested class's own `Meta.fields`
    (`display` always included). The object must exist: an unknown reference is a 400 naming it.

    Subclasses set `Meta.model` and `Meta.fields`; `nested_serializer(model)` makes the class of a model with a
    spec (its brief representation, `Nested<Model>Serializer` of every built-in app).
    """

    def get_queryset(self):
        return self.Meta.model.objects.all()

    def _related_field(self) -> NestedRelatedField:
        field = NestedRelatedField(queryset=self.get_queryset())
        field.bind(self.field_name or "", self.parent or self)
        return field

    def to_internal_value(self, data: Any) -> models.Model:
        if data is None:
            return None
        return self._related_field().to_internal_value(data)

    def run_validation(self, data: Any = empty) -> Any:
        # A reference, not a document: no validators of the nested model run (the original's behaviour).
        (is_empty_value, data) = self.validate_empty_values(data)
        if is_empty_value:
            return data
        return self.to_internal_value(data)


class BriefSerializer(WritableNestedSerializer):
    """The nested serializer of a model with a spec: its brief representation (`id`, `display`, `url` and the
    spec's `brief_fields`), the very dict every nested object of the REST API is."""

    def get_field_names(self, declared_fields, info) -> list[str]:
        return ["id", "display", "url", *spec_for(self.Meta.model).brief_fields]

    def build_relational_field(self, field_name: str, relation_info) -> tuple[type, dict]:
        kwargs = get_relation_kwargs(field_name, relation_info)
        kwargs.pop("view_name", None)
        kwargs.pop("to_field", None)
        return NestedRelatedField, kwargs

    def to_representation(self, instance) -> dict:
        return brief_representation(instance, self.context.get("request"))


_nested: dict[type[models.Model], type[WritableNestedSerializer]] = {}


def nested_serializer(model: type[models.Model]) -> type[WritableNestedSerializer]:
    """`Nested<Model>Serializer` of `model` (made once): a `BriefSerializer` whose fields the spec names when
    first used, so that it can be made at import time, before the specs are registered."""
    serializer = _nested.get(model)
    if serializer is None:
        meta = type("Meta", (), {"model": model, "fields": "__all__"})
        serializer = _nested[model] = type(
            f"Nested{model.__name__}Serializer", (BriefSerializer,), {"Meta": meta, "__module__": __name__}
        )
    return serializer


class SerializerNotFound(LookupError):
    """`get_serializer_for_model` found no serializer (1.x's exception of the same name)."""


def get_serializer_for_model(model: type[models.Model], prefix: str = "") -> type[serializers.Serializer]:
    """`<prefix><Model>Serializer` of `model` as Nautobot 1.x finds it: in its app's `api.serializers` (or
    `api.nested_serializers`) module; else, for a model with a spec, ours (`prefix="Nested"`: its brief form)."""
    name = f"{prefix}{model.__name__}Serializer"
    package = django_apps.get_app_config(model._meta.app_label).name
    for module_name in (f"{package}.api.serializers", f"{package}.api.nested_serializers"):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and module_name.startswith(exc.name):
                continue
            raise
        found = getattr(module, name, None)
        if found is not None:
            return found
    if prefix == "Nested":
        return nested_serializer(model)
    if prefix == "" and has_spec(model):
        return serializer_for(model)
    raise SerializerNotFound(f"No serializer {name} for {model._meta.label} in {package}.api.serializers.")


def app_serializers(app_label: str, *, full: bool = True):
    """A module `__getattr__` giving an app's serializers under their Nautobot 1.x names, made on first use:
    `Nested<Model>Serializer` (its brief form, `nested_serializer`) and, with `full`, `<Model>Serializer` (the
    spec's serializer) for each model of `app_label`; `__all__` lists them (for `import *`).

    Usage, in `<app>/api/nested_serializers.py`: `__getattr__ = app_serializers("dcim", full=False)`.
    """

    def models_by_name() -> dict[str, type[models.Model]]:
        return {model.__name__: model for model in django_apps.get_app_config(app_label).get_models()}

    def module_getattr(name: str):
        if name == "__all__":
            names = [f"Nested{model_name}Serializer" for model_name in models_by_name()]
            return sorted(names + ([f"{model_name}Serializer" for model_name in models_by_name()] if full else []))
        if name.endswith("Serializer"):
            nested = name.startswith("Nested")
            model = models_by_name().get(name[len("Nested") if nested else 0 : -len("Serializer")])
            if model is not None and nested:
                return nested_serializer(model)
            if model is not None and full and has_spec(model):
                return serializer_for(model)
        raise AttributeError(f"{app_label} has no serializer {name!r}")

    return module_getattr


def serializer_for(
    model: type[models.Model], *, brief: bool = False, version: str | None = None
) -> type[BaseModelSerializer]:
    """Return the (generated, cached) serializer class of `model`: full or brief, for API `version`."""
    spec = spec_for(model)
    fields = spec.brief_fields if brief else spec.fields_for_version(version)
    if not brief:
        added = (name for hook in registry.model_fields for name in hook.fields_for(model))
        fields = (*fields, *(name for name in dict.fromkeys(added) if name not in fields))
    key = (model, brief, fields)
    serializer = _cache.get(key)
    if serializer is None:
        serializer = _cache[key] = _build(spec, fields, brief=brief)
    return serializer


def _build(spec: type[ObjectSpec], spec_fields: tuple[str, ...], *, brief: bool) -> type[BaseModelSerializer]:
    fields = ("id", "display", "url", *spec_fields)
    count_names = set(spec.counts)
    meta = type(
        "Meta",
        (),
        {
            "model": spec.model,
            "fields": fields,
            "read_only_fields": tuple(spec.read_only_fields),
            "extra_kwargs": {**_derived_slug_kwargs(spec, fields), **spec.extra_kwargs},
        },
    )
    attrs: dict[str, Any] = {"Meta": meta, "__module__": spec.__module__, "nested_relations": True}
    for name in count_names & set(fields):
        attrs[name] = serializers.IntegerField(read_only=True)
    base = spec.serializer_base or BaseModelSerializer
    suffix = "BriefSerializer" if brief else "Serializer"
    return type(f"{spec.model.__name__}{suffix}", (base,), attrs)


def derives_slug(spec: type[ObjectSpec]) -> bool:
    """Whether a create without `slug` gets one derived from `spec.slug_source`."""
    names = {f.name for f in spec.model._meta.concrete_fields}
    return bool(spec.slug_source) and "slug" in names and spec.slug_source in names


def _derived_slug_kwargs(spec: type[ObjectSpec], fields: tuple[str, ...]) -> dict:
    return {"slug": {"required": False}} if "slug" in fields and derives_slug(spec) else {}


def derived_slug(model: type[models.Model], source_value: Any, separator: str = "-", attrs: dict | None = None) -> str:
    """`slugify(source_value)` cut to the column's length, made unique with `-2`, `-3`... where slugs are unique
    (alone, or together with other fields, whose values are taken from `attrs`)."""
    field = model._meta.get_field("slug")
    base = slugify(str(source_value or "")) or model._meta.model_name
    if separator != "-":
        base = base.replace("-", separator)
    limit = field.max_length or 50
    slug = base[:limit]
    scopes = [{}] if field.unique else []
    scopes += [
        {name: (attrs or {}).get(name) for name in together if name != "slug"}
        for together in model._meta.unique_together
        if "slug" in together
    ]
    if not scopes:
        return slug
    number = 2
    while any(model._default_manager.filter(slug=slug, **scope).exists() for scope in scopes):
        suffix = f"{separator}{number}"
        slug = base[: limit - len(suffix)] + suffix
        number += 1
    return slug


def represent(serializer_class: type[BaseModelSerializer], objects: list, context: dict) -> list[dict]:
    """Serialize `objects` for output: each app's row loaders first (one query per page), then the fields."""
    for loader in registry.row_loaders:
        loader.load(objects)
    return fastpath.represent(serializer_class, objects, context)
