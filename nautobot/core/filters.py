"""FilterSets derived from specs, with the original's query-parameter grammar.

Every filter accepts repeated parameters (OR). Lookup variants are derived from the field type:
strings get `__n __ic __nic __isw __nisw __iew __niew __ie __nie __re __nre __ire __nire`, numbers and
dates `__n __lt __lte __gt __gte`, foreign keys `<name>` (by slug, or name, or UUID) and `<name>_id` (by
UUID) with `__n`; a to-many relation named as itself also gets `has_<name>=true|false`. `q` searches the spec's `search_fields`. Unknown parameters are an error (see
`StrictFilterBackend`).
"""

import copy
import uuid
from typing import Any

import django_filters
from django import forms
from django.db import models
from django.db.models import Q
from django.http import QueryDict
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions

from nautobot.core.specs import ObjectSpec, spec_for

STRING_LOOKUPS = {
    "n": ("exact", True),
    "ic": ("icontains", False),
    "nic": ("icontains", True),
    "isw": ("istartswith", False),
    "nisw": ("istartswith", True),
    "iew": ("iendswith", False),
    "niew": ("iendswith", True),
    "ie": ("iexact", False),
    "nie": ("iexact", True),
    "re": ("regex", False),
    "nre": ("regex", True),
    "ire": ("iregex", False),
    "nire": ("iregex", True),
}
NUMBER_LOOKUPS = {"n": ("exact", True), "lt": ("lt", False), "lte": ("lte", False), "gt": ("gt", False), "gte": ("gte", False)}
# Query parameters that are never filters.
NON_FILTER_PARAMETERS = frozenset({"api_version", "brief", "format", "include", "limit", "offset", "exclude", "export", "depth"})


class MultiValueField(forms.Field):
    """A form field holding every value of a repeated query parameter, each cleaned by `inner`."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *args, inner: forms.Field | None = None, **kwargs) -> None:
        self.inner = inner or forms.CharField()
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> list:
        if value in (None, "", []):
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        # Empty values are dropped, as the original's (`?name=` filters nothing; it is not a 400).
        return [self.inner.clean(v) for v in values if v not in ("", None)]


class MultiValueFilter(django_filters.Filter):
    """Filter on any of several values: `?name=a&name=b` means name a OR name b (or neither, with exclude)."""

    field_class = MultiValueField

    def __init__(self, *args, inner: forms.Field | None = None, **kwargs) -> None:
        self.inner = inner
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            self._field = MultiValueField(inner=self.inner, required=False, label=self.label)
        return self._field

    def filter(self, qs, value):
        if not value:
            return qs
        condition = Q()
        for item in value:
            if item is None:
                condition |= Q(**{f"{self.field_name}__isnull": True})
            else:
                condition |= Q(**{f"{self.field_name}__{self.lookup_expr}": item})
        return qs.exclude(condition) if self.exclude else qs.filter(condition).distinct() if self.distinct else qs.filter(condition)


class ContentTypeLabelField(forms.CharField):
    """An `"app_label.model"` value; with `strict`, one that names an existing content type (else the original's 400)."""

    def __init__(self, *args, strict: bool = False, **kwargs) -> None:
        self.strict = strict
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = str(super().clean(value)).lower()
        if self.strict:
            from django.contrib.contenttypes.models import ContentType

            app_label, _, model = value.partition(".")
            if not ContentType.objects.filter(app_label=app_label, model=model).exists():
                raise forms.ValidationError(f"Select a valid choice. {value} is not one of the available choices.")
        return value


class ContentTypeFilter(MultiValueFilter):
    """`"app_label.model"` values, matched against a content type relation (`?termination_a_type=dcim.interface`).

    `strict` filters (the original's multiple-choice ones, e.g. `content_types` of tags and statuses) reject a value
    that names no content type with a 400; the others simply match nothing.
    """

    def __init__(self, *args, strict: bool = False, **kwargs) -> None:
        kwargs.setdefault("inner", ContentTypeLabelField(strict=strict))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        condition = Q()
        for label in value:
            app_label, _, model = str(label).lower().partition(".")
            condition |= Q(**{f"{self.field_name}__app_label": app_label, f"{self.field_name}__model": model})
        if self.exclude:
            return qs.exclude(condition)
        return qs.filter(condition).distinct() if self.distinct else qs.filter(condition)


class NullableCharField(forms.CharField):
    """A related-object key where the literal `null` selects objects without one."""

    def clean(self, value):
        if value in ("null", None):
            return None
        return super().clean(value)


class NullableUUIDField(forms.UUIDField):
    def clean(self, value):
        if value == "null":
            return None
        return super().clean(value)


class TruthyBooleanField(forms.NullBooleanField):
    """`true/false`, `True/False`, `1/0`, `yes/no`, `on/off`; anything else is a validation error."""

    widget = forms.TextInput

    def to_python(self, value):
        if value in (None, ""):
            return None
        from nautobot.core.settings_funcs import is_truthy

        try:
            return is_truthy(value)
        except ValueError:
            raise forms.ValidationError(f"'{value}' is not a boolean; use true or false.") from None

    def validate(self, value):
        pass


class BooleanFilter(django_filters.BooleanFilter):
    field_class = TruthyBooleanField


class TagFilter(django_filters.Filter):
    """`?tag=a&tag=b`: objects that carry every one of the tags (AND), by slug."""

    field_class = MultiValueField

    def filter(self, qs, value):
        for slug in value or []:
            qs = qs.filter(tags__slug=slug)
        return qs


class SearchFilter(django_filters.CharFilter):
    def __init__(self, fields: tuple[str, ...], **kwargs) -> None:
        self.search_fields = fields
        super().__init__(**kwargs)

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        condition = Q()
        for name in self.search_fields:
            condition |= Q(**{f"{name}__icontains": value})
        return qs.filter(condition)


class BaseFilterSet(django_filters.FilterSet):
    """Base of every generated filterset; hand-written overrides subclass it (`ObjectSpec.filterset_base`)."""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None) -> None:
        """As django-filter's, except that a bound filterset copies only the filters its data names.

        A model has hundreds of filters (every lookup variant); copying them all cost more per request
        than the database.
        """
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data if data is not None else QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        names = [n for n in self.base_filters if n in self.data] if self.is_bound else list(self.base_filters)
        self.filters = {name: copy.deepcopy(self.base_filters[name]) for name in names}
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self

    @classmethod
    def declared_parameter_names(cls) -> set[str]:
        return set(cls.base_filters)


def _inner_form_field(field: models.Field) -> forms.Field:
    if isinstance(field, models.UUIDField):
        return forms.UUIDField()
    if isinstance(field, models.BooleanField):
        return forms.NullBooleanField()
    if isinstance(field, (models.IntegerField, models.BigIntegerField, models.SmallIntegerField, models.PositiveIntegerField, models.AutoField)):
        return forms.IntegerField()
    if isinstance(field, models.DecimalField):
        return forms.DecimalField()
    if isinstance(field, models.FloatField):
        return forms.FloatField()
    if isinstance(field, models.DateTimeField):
        return forms.DateTimeField()
    if isinstance(field, models.DateField):
        return forms.DateField()
    return forms.CharField()


def _filters_for_plain(param: str, path: str, field: models.Field, *, many: bool = False) -> dict[str, django_filters.Filter]:
    if isinstance(field, models.BooleanField):
        return {param: BooleanFilter(field_name=path, distinct=many)}
    inner = _inner_form_field(field)
    filters: dict[str, django_filters.Filter] = {
        param: MultiValueFilter(field_name=path, lookup_expr="exact", inner=inner, distinct=many)
    }
    is_string = isinstance(inner, forms.CharField) and not field.choices
    table = STRING_LOOKUPS if is_string else NUMBER_LOOKUPS if not field.choices else {"n": ("exact", True)}
    for suffix, (lookup, exclude) in table.items():
        filters[f"{param}__{suffix}"] = MultiValueFilter(
            field_name=path, lookup_expr=lookup, exclude=exclude, inner=_inner_form_field(field), distinct=many
        )
    return filters


def natural_key_field(model: type[models.Model]) -> str:
    """The field a related object is named by in filters: `slug`, else `name`, else its first plain brief field."""
    names = {f.name for f in model._meta.get_fields()}
    for candidate in ("slug", "name"):
        if candidate in names:
            return candidate
    for name in spec_for(model).brief_fields:
        if name in names and not model._meta.get_field(name).is_relation:
            return name
    return "pk"


class NaturalKeyOrPKField(forms.Field):
    """A related object named by its natural key (cleaned by `key_field`), or by its UUID; `null` = none."""

    def __init__(self, *args, key_field: forms.Field | None = None, **kwargs) -> None:
        self.key_field = key_field or forms.CharField()
        super().__init__(*args, **kwargs)

    def clean(self, value):
        if value in ("null", None):
            return None
        try:
            return uuid.UUID(str(value))
        except ValueError:
            return self.key_field.clean(value)


class NaturalKeyOrPKFilter(MultiValueFilter):
    """`?site=<slug>` or `?site=<uuid>` (the original's 1.4+ "ID or slug" filters); repeated values are ORed."""

    def __init__(self, *args, path: str, key: str, key_field: forms.Field | None = None, **kwargs) -> None:
        self.path, self.key = path, key
        super().__init__(*args, field_name=f"{path}__{key}", inner=NaturalKeyOrPKField(key_field=key_field), **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        condition = Q()
        for item in value:
            if item is None:
                condition |= Q(**{f"{self.path}__isnull": True})
            elif isinstance(item, uuid.UUID):
                condition |= Q(**{self.path: item})
            else:
                condition |= Q(**{self.field_name: item})
        if self.exclude:
            return qs.exclude(condition)
        return qs.filter(condition).distinct() if self.distinct else qs.filter(condition)


def _filters_for_relation(param: str, path: str, field: models.Field, *, many: bool = False) -> dict[str, django_filters.Filter]:
    """`<param>` (natural key or UUID) and `<param>_id` (UUID), each with `__n`; `has_<param>` for a to-many relation."""
    target = field.related_model
    key = natural_key_field(target)
    if target._meta.label == "extras.Tag":
        return {"tag": TagFilter(), "tag__n": MultiValueFilter(field_name=f"{path}__slug", exclude=True)}
    if target._meta.label == "contenttypes.ContentType":
        # `?content_types=dcim.device` (the original's content-type filters take `app_label.model`, not an id).
        strict = field.many_to_many
        return {
            param: ContentTypeFilter(field_name=path, strict=strict, distinct=True),
            f"{param}__n": ContentTypeFilter(field_name=path, strict=strict, exclude=True),
        }
    to_many = field.many_to_many or field.one_to_many
    distinct = many or to_many
    key_field = _inner_form_field(target._meta.get_field(key)) if key != "pk" else forms.UUIDField()
    filters = {
        param: NaturalKeyOrPKFilter(path=path, key=key, key_field=key_field, distinct=distinct),
        f"{param}__n": NaturalKeyOrPKFilter(path=path, key=key, key_field=key_field, exclude=True),
        f"{param}_id": MultiValueFilter(field_name=path, inner=NullableUUIDField(), distinct=distinct),
        f"{param}_id__n": MultiValueFilter(field_name=path, exclude=True, inner=NullableUUIDField()),
    }
    if to_many and param == path:
        # The original's `has_<relation>=true|false` (e.g. `has_child_interfaces`).
        filters[f"has_{param}"] = BooleanFilter(field_name=path, lookup_expr="isnull", exclude=True, distinct=True)
    return filters


def _resolve(model: type[models.Model], path: str) -> tuple[models.Field, bool]:
    """The field at the end of `path`, and whether a relation before it is to-many (matches repeat rows)."""
    field: Any = None
    current = model
    parts = path.split("__")
    many = False
    for index, part in enumerate(parts):
        field = current._meta.get_field(part)
        if field.is_relation and field.related_model is not None:
            if index < len(parts) - 1 and (field.many_to_many or field.one_to_many):
                many = True
            current = field.related_model
    return field, many


def filters_for_spec(spec: type[ObjectSpec]) -> dict[str, django_filters.Filter]:
    """Return every filter of the model described by `spec`, by query parameter name."""
    model = spec.model
    pk_form_field = _inner_form_field(model._meta.pk)
    filters: dict[str, django_filters.Filter] = {
        "id": MultiValueFilter(field_name="id", inner=pk_form_field),
        "id__n": MultiValueFilter(field_name="id", exclude=True, inner=_inner_form_field(model._meta.pk)),
        "q": SearchFilter(spec.search_fields),
    }
    names = {f.name for f in model._meta.get_fields()}
    extra = [n for n in ("created", "last_updated") if n in names]
    if "tags" in names:
        extra.append("tags")
    for entry in (*spec.filter_fields, *extra):
        param, path = entry if isinstance(entry, tuple) else (entry, entry)
        field, many = _resolve(model, path)
        if field.is_relation and field.related_model is not None:
            filters.update(_filters_for_relation(param, path, field, many=many))
        else:
            filters.update(_filters_for_plain(param, path, field, many=many))
    return filters


_cache: dict[type[models.Model], type[BaseFilterSet]] = {}


def filterset_for(model: type[models.Model]) -> type[BaseFilterSet]:
    """Return the (generated, cached) filterset class of `model`."""
    filterset = _cache.get(model)
    if filterset is None:
        spec = spec_for(model)
        base = spec.filterset_base or BaseFilterSet
        meta = type("Meta", (), {"model": model, "fields": []})
        attrs = {**filters_for_spec(spec), "Meta": meta, "__module__": spec.__module__}
        # Hand-written filters of the base win over generated ones of the same name.
        for name in getattr(base, "declared_filters", {}):
            attrs.pop(name, None)
        filterset = _cache[model] = type(f"{model.__name__}FilterSet", (base,), attrs)
    return filterset


# Filled by apps: functions (queryset, params) -> queryset for parameters defined at run time (e.g. `cf_<name>`).
QUERYSET_FILTER_HOOKS: list = []


class SpecFilterBackend(DjangoFilterBackend):
    """Filter a viewset's queryset with the generated filterset of its spec; unknown parameters are a 400."""

    def get_filterset_class(self, view, queryset=None):
        return filterset_for(view.spec.model)

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        unknown = unknown_parameters(filterset_class, request.query_params)
        if unknown:
            raise exceptions.ValidationError({name: ["Unknown filter field"] for name in unknown})
        filterset = filterset_class(request.query_params, queryset=queryset, request=request)
        if not filterset.is_valid():
            raise exceptions.ValidationError(filterset.errors)
        queryset = filterset.qs
        for hook in QUERYSET_FILTER_HOOKS:
            queryset = hook(queryset, request.query_params)
        return queryset


def unknown_parameters(filterset_class: type[BaseFilterSet], params) -> list[str]:
    """Return the query parameters that are neither filters nor known non-filter parameters."""
    known = filterset_class.declared_parameter_names()
    return [p for p in params if p not in known and p not in NON_FILTER_PARAMETERS and not p.startswith("cf_")]

