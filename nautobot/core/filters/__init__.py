"""FilterSets derived from specs, with the original's query-parameter grammar.

Every filter accepts repeated parameters (OR). Lookup variants are derived from the field type:
strings get `__n __ic __nic __isw __nisw __iew __niew __ie __nie __re __nre __ire __nire`, numbers and
dates `__n __lt __lte __gt __gte`, UUIDs (`id` too) the text ones with text values, choice fields `__n`
(only their choices are accepted), foreign keys
`<name>` (by slug, or name, or UUID) and `<name>_id` (by UUID) with `__n`; a to-many relation named as
itself also gets `has_<name>=true|false`, and so does every reverse to-many relation (`devices`,
`has_devices`). A `tenant` filter brings `tenant_group`, a `site` filter `region`. A related object named
in a filter must exist, else the filterset is invalid (REST 400, GraphQL error) with the original's
message; `null` selects objects without one. `q` searches the spec's `search_fields`. Unknown
parameters are an error (see `SpecFilterBackend`).

The pieces live in `fields` (what a value may be) and `base` (filter classes, `BaseFilterSet`); this module
derives the filters of a spec (`filterset_for`) and applies them to API requests (`SpecFilterBackend`).
"""

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions

from nautobot.core.registry import registry
from nautobot.core.specs import ObjectSpec, has_spec, spec_for
from nautobot.core.filters.base import (
    BaseFilterSet,
    BooleanFilter,
    ContentTypeFilter,
    ContentTypeMultipleChoiceFilter,
    MultiValueBigNumberFilter,
    MultiValueCharFilter,
    MultiValueDateFilter,
    MultiValueDateTimeFilter,
    MultiValueDecimalFilter,
    MultiValueFilter,
    MultiValueFloatFilter,
    MultiValueMACAddressFilter,
    MultiValueNumberFilter,
    MultiValueTimeFilter,
    MultiValueUUIDFilter,
    NaturalKeyOrPKFilter,
    NaturalKeyOrPKMultipleChoiceFilter,
    RelatedFilter,
    RelatedMembershipBooleanFilter,
    SearchFilter,
    TagExcludeFilter,
    TagFilter,
    TreeNodeMultipleChoiceFilter,
    _resolve,
)
from nautobot.core.filters.fields import ChoiceValueField
from nautobot.core.filters.mixins import (
    CreatedUpdatedFilterSet,
    CreatedUpdatedModelFilterSetMixin,
    CustomFieldModelFilterSet,
    CustomFieldModelFilterSetMixin,
    NameSlugSearchFilterSet,
)

# Nautobot 1.x names (`nautobot.utilities.filters`, `nautobot.apps.filters`), each a class of ours.
__all__ = [
    "BaseFilterSet",
    "ContentTypeFilter",
    "ContentTypeMultipleChoiceFilter",
    "CreatedUpdatedFilterSet",
    "CreatedUpdatedModelFilterSetMixin",
    "CustomFieldModelFilterSet",
    "CustomFieldModelFilterSetMixin",
    "MultiValueBigNumberFilter",
    "MultiValueCharFilter",
    "MultiValueDateFilter",
    "MultiValueDateTimeFilter",
    "MultiValueDecimalFilter",
    "MultiValueFloatFilter",
    "MultiValueMACAddressFilter",
    "MultiValueNumberFilter",
    "MultiValueTimeFilter",
    "MultiValueUUIDFilter",
    "NameSlugSearchFilterSet",
    "NaturalKeyOrPKMultipleChoiceFilter",
    "RelatedMembershipBooleanFilter",
    "SearchFilter",
    "SpecFilterBackend",
    "TagFilter",
    "TreeNodeMultipleChoiceFilter",
    "filterset_for",
]


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


NUMBER_LOOKUPS = {
    "n": ("exact", True),
    "lt": ("lt", False),
    "lte": ("lte", False),
    "gt": ("gt", False),
    "gte": ("gte", False),
}


# Query parameters that are never filters.
NON_FILTER_PARAMETERS = frozenset(
    {"api_version", "brief", "format", "include", "limit", "offset", "exclude", "export", "depth"}
)


def _inner_form_field(field: models.Field) -> forms.Field:
    if isinstance(field, models.UUIDField):
        return forms.UUIDField()
    if isinstance(field, models.BooleanField):
        return forms.NullBooleanField()
    if isinstance(
        field,
        (
            models.IntegerField,
            models.BigIntegerField,
            models.SmallIntegerField,
            models.PositiveIntegerField,
            models.AutoField,
        ),
    ):
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


def _filters_for_plain(
    param: str, path: str, field: models.Field, *, many: bool = False
) -> dict[str, django_filters.Filter]:
    if isinstance(field, models.BooleanField):
        return {param: BooleanFilter(field_name=path, distinct=many)}
    if field.choices:
        # Only the field's choices, as the original's (`?face=front`; `?face=nope` is an error).
        choices = list(field.flatchoices)
        return {
            param: MultiValueFilter(field_name=path, inner=ChoiceValueField(choices=choices), distinct=many),
            f"{param}__n": MultiValueFilter(field_name=path, exclude=True, inner=ChoiceValueField(choices=choices)),
        }
    inner = _inner_form_field(field)
    filters: dict[str, django_filters.Filter] = {
        param: MultiValueFilter(field_name=path, lookup_expr="exact", inner=inner, distinct=many)
    }
    table = STRING_LOOKUPS if isinstance(inner, forms.CharField) else NUMBER_LOOKUPS
    for suffix, (lookup, exclude) in table.items():
        # A pattern (`__ic`, `__re`...) on a UUID is text, as the original's (`?changed_object_id__ic=4f1`).
        pattern = lookup != "exact" and isinstance(field, models.UUIDField)
        filters[f"{param}__{suffix}"] = MultiValueFilter(
            field_name=path,
            lookup_expr=lookup,
            exclude=exclude,
            inner=forms.CharField() if pattern else _inner_form_field(field),
            distinct=many,
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


def _filters_for_relation(
    param: str, path: str, field: models.Field, *, many: bool = False
) -> dict[str, django_filters.Filter]:
    """`<param>` (natural key or UUID) and `<param>_id` (UUID), each with `__n`; `has_<param>` for a to-many relation."""
    target = field.related_model
    key = natural_key_field(target)
    if target._meta.label == "extras.Tag":
        return {"tag": TagFilter(tag_model=target), "tag__n": TagExcludeFilter(path=path, model=target, key="slug")}
    if target._meta.label == "contenttypes.ContentType":
        # `"app_label.model"` labels, as the original's content-type filters (`?content_types=dcim.device`).
        return {
            param: ContentTypeFilter(field_name=path, distinct=many or field.many_to_many),
            f"{param}__n": ContentTypeFilter(field_name=path, exclude=True),
        }
    to_many = field.many_to_many or field.one_to_many
    distinct = many or to_many
    key_field = _inner_form_field(target._meta.get_field(key)) if key != "pk" else forms.UUIDField()
    filters = {
        param: NaturalKeyOrPKFilter(path=path, model=target, key=key, key_field=key_field, distinct=distinct),
        f"{param}__n": NaturalKeyOrPKFilter(path=path, model=target, key=key, key_field=key_field, exclude=True),
        f"{param}_id": RelatedFilter(path=path, model=target, distinct=distinct),
        f"{param}_id__n": RelatedFilter(path=path, model=target, exclude=True),
    }
    if to_many and "__" not in path:
        # The original's `has_<relation>=true|false` (e.g. `has_child_interfaces`).
        filters[f"has_{param}"] = BooleanFilter(field_name=path, lookup_expr="isnull", exclude=True, distinct=True)
    return filters


def filters_for_spec(spec: type[ObjectSpec]) -> dict[str, django_filters.Filter]:
    """Return every filter of the model described by `spec`, by query parameter name."""
    model = spec.model
    pk_form_field = _inner_form_field(model._meta.pk)
    filters: dict[str, django_filters.Filter] = {
        "id": MultiValueFilter(field_name="id", inner=pk_form_field),
        "id__n": MultiValueFilter(field_name="id", exclude=True, inner=_inner_form_field(model._meta.pk)),
        "q": SearchFilter(spec.search_fields),
    }
    if isinstance(model._meta.pk, models.UUIDField):
        # The original's text lookups on ids too (`?id__isw=4f1`).
        filters.update(_filters_for_plain("id", "id", model._meta.pk))
    names = {f.name for f in model._meta.get_fields()}
    extra = [n for n in ("created", "last_updated") if n in names]
    if "tags" in names:
        extra.append("tags")
    for entry in (*spec.filter_fields, *extra):
        param, path = entry if isinstance(entry, tuple) else (entry, entry)
        field, many = _resolve(model, path)
        if path.endswith("__id") and field.primary_key and field.model is not model:
            # `("devicetype_id", "device_type__id")`: the related object by primary key, checked to exist.
            relation = path[: -len("__id")]
            filters[param] = RelatedFilter(path=relation, model=field.model, distinct=many)
            filters[f"{param}__n"] = RelatedFilter(path=relation, model=field.model, exclude=True)
        elif field.is_relation and field.related_model is not None:
            filters.update(_filters_for_relation(param, path, field, many=many))
        else:
            filters.update(_filters_for_plain(param, path, field, many=many))
    derived_filters(model, spec, filters)
    reverse_filters(model, filters)
    for name in spec.unchecked_filters:
        filters[name].check = False
    return filters


# A relation filter `param` (to the model labelled) implies another one, through a field of the related model:
# anything filtered by tenant is also filtered by tenant group, anything filtered by site also by region.
DERIVED_FILTERS = {("tenant", "tenancy.Tenant"): ("tenant_group", "group"), ("site", "dcim.Site"): ("region", "region")}


def derived_filters(model: type[models.Model], spec: type[ObjectSpec], filters: dict) -> None:
    declared = {entry[0] if isinstance(entry, tuple) else entry for entry in spec.filter_fields}
    for entry in spec.filter_fields:
        param, path = entry if isinstance(entry, tuple) else (entry, entry)
        field, _ = _resolve(model, path)
        if not (field.is_relation and field.related_model is not None):
            continue
        derived = DERIVED_FILTERS.get((param, field.related_model._meta.label))
        if derived and derived[0] not in declared and derived[0] not in filters:
            new_path = f"{path}__{derived[1]}"
            new_field, many = _resolve(model, new_path)
            filters.update(_filters_for_relation(derived[0], new_path, new_field, many=many))


def reverse_parameter(relation) -> str:
    """The parameter naming a reverse relation, as the original's: its accessor (`devices`, `children`,
    `instances`), words separated when the accessor runs the related model's plural together
    (`consoleports` → `console_ports`, `frontport_templates` → `front_port_templates`)."""
    accessor = relation.get_accessor_name()
    plural = str(relation.related_model._meta.verbose_name_plural).lower()
    return plural.replace(" ", "_") if accessor.replace("_", "") == plural.replace(" ", "") else accessor


def reverse_filters(model: type[models.Model], filters: dict) -> None:
    """`<relation>` (natural key or UUID, with `__n`) and `has_<relation>` for every reverse to-many relation to
    a model with a spec (`?devices=<name>`, `?has_devices=false` on sites), as the original's; generic
    reverse relations (`<model>_set`, `<app>_<model>_related`) are left out."""
    for relation in model._meta.related_objects:
        if (
            relation.hidden
            or not (relation.one_to_many or relation.many_to_many)
            or not has_spec(relation.related_model)
        ):
            continue
        accessor = relation.get_accessor_name()
        if accessor.endswith(("_set", "_related")):
            continue
        param = reverse_parameter(relation)
        if param in filters or f"has_{param}" in filters:
            continue
        target = relation.related_model
        key = natural_key_field(target)
        key_field = _inner_form_field(target._meta.get_field(key)) if key != "pk" else None
        filters[param] = NaturalKeyOrPKFilter(path=accessor, model=target, key=key, key_field=key_field, distinct=True)
        filters[f"{param}__n"] = NaturalKeyOrPKFilter(
            path=accessor, model=target, key=key, key_field=key_field, exclude=True
        )
        filters[f"has_{param}"] = BooleanFilter(field_name=accessor, lookup_expr="isnull", exclude=True, distinct=True)


_cache: dict[type[models.Model], type[BaseFilterSet]] = {}


def filterset_for(model: type[models.Model]) -> type[BaseFilterSet]:
    """Return the (generated, cached) filterset class of `model`."""
    filterset = _cache.get(model)
    if filterset is None:
        spec = spec_for(model)
        base = spec.filterset_base or BaseFilterSet
        meta = type("Meta", (), {"model": model, "fields": []})
        attrs = {**filters_for_spec(spec), "Meta": meta, "__module__": spec.__module__, "generate_lookups": False}
        # Hand-written filters of the base win over generated ones of the same name.
        for name in getattr(base, "declared_filters", {}):
            attrs.pop(name, None)
        attrs.update(extension_filters(model, set(attrs) | set(getattr(base, "declared_filters", {}))))
        filterset = _cache[model] = type(f"{model.__name__}FilterSet", (base,), attrs)
    return filterset


def extension_filters(model: type[models.Model], taken: set[str]) -> dict[str, django_filters.Filter]:
    """The filters other apps add to `model` (`registry.filter_extensions`); none may replace one it has. A filter
    of a field by value (no `method`, no lookup of its own) also gets that field's lookup variants (`<name>__ic`...)."""
    label = model._meta.label_lower
    added: dict[str, django_filters.Filter] = {}
    for extension in registry.filter_extensions:
        if extension.model != label:
            continue
        for name, extra in extension.filterset_fields.items():
            if name in taken or name in added:
                raise ImproperlyConfigured(
                    f"{extension.__module__}.{extension.__qualname__}: {model._meta.label} already has a filter {name!r}."
                )
            added[name] = extra
            for variant, lookup_filter in _lookup_variants(model, name, extra).items():
                if variant not in taken:
                    added.setdefault(variant, lookup_filter)
    return added


def _lookup_variants(model: type[models.Model], name: str, extra: django_filters.Filter) -> dict:
    if extra.method is not None or extra.lookup_expr not in (None, "exact") or not extra.field_name:
        return {}
    try:
        field, many = _resolve(model, extra.field_name)
    except FieldDoesNotExist:
        return {}
    if field.is_relation:
        return {}
    variants = _filters_for_plain(name, extra.field_name, field, many=many)
    variants.pop(name, None)
    return variants


class SpecFilterBackend(DjangoFilterBackend):
    """Filter a viewset's queryset with its filterset: the one a viewset declared the 1.x way names
    (`filterset_class`), else the generated one of its spec. Invalid data, and with `STRICT_FILTERING` a
    parameter that is no filter ("Unknown filter field", `BaseFilterSet.is_valid`), is a 400.
    """

    def get_filterset_class(self, view, queryset=None):
        declared = getattr(view, "filterset_class", None)
        return declared if declared is not None else filterset_for(view.spec.model)

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        data = filter_data(request.query_params)
        declared_the_1x_way = getattr(view, "declared_the_1x_way", None)
        if getattr(view, "filterset_class", None) is None and declared_the_1x_way and declared_the_1x_way():
            # A 1.x viewset without a filterset filtered nothing there; here its model's filters apply, and
            # what they do not know is ignored, as there.
            known = filterset_class.declared_parameter_names()
            for name in [n for n in data if n not in known and not n.startswith("cf_")]:
                data.pop(name)
        filterset = filterset_class(data, queryset=queryset, request=request)
        if not filterset.is_valid():
            raise exceptions.ValidationError(filterset.errors)
        queryset = filterset.qs
        if getattr(filterset_class, "applies_queryset_filters", False):
            return queryset
        for hook in registry.queryset_filters:
            queryset = hook.apply(queryset, request.query_params)
        return queryset


def filter_data(params):
    """The filter parameters of a request's query: all but `NON_FILTER_PARAMETERS` (pagination, format...)."""
    data = params.copy()
    for name in NON_FILTER_PARAMETERS:
        data.pop(name, None)
    return data
