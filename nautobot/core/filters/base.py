"""The filter classes (a parameter's values and how they narrow a queryset) and `BaseFilterSet`, the base of every
generated filterset."""

import copy
import logging
import uuid
from typing import Any

import django_filters
import django_filters.exceptions
import django_filters.utils
from django import forms
from django.apps import apps as django_apps
from django.conf import settings
from django.forms.utils import ErrorDict, ErrorList
from django.db import models
from django.db.models import Q
from django.http import QueryDict

from nautobot.core.filters.fields import (
    ContentTypeField,
    MultiValueField,
    RelatedObjectsField,
    Subtree,
    TruthyBooleanField,
)


logger = logging.getLogger(__name__)

# Filters naming one of these (other than its own model's `parent`/`children`) match the node's descendants too,
# as the original's tree filters: `?region=europe` includes sites in `france`.
SUBTREE_MODELS = frozenset({"dcim.Region", "dcim.RackGroup", "tenancy.TenantGroup"})


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
        return (
            qs.exclude(condition)
            if self.exclude
            else qs.filter(condition).distinct()
            if self.distinct
            else qs.filter(condition)
        )


class CheckedValuesMixin:
    """A filter whose values its `checked_field()` validates (unknown ones are a 400), or, with
    `check=False` (where the original does not check), a plain list of values."""

    def __init__(self, *args, check: bool = True, **kwargs) -> None:
        self.check = check
        super().__init__(*args, **kwargs)

    def checked_field(self) -> forms.Field:
        raise NotImplementedError

    @property
    def field(self):
        if not hasattr(self, "_field"):
            self._field = self.checked_field() if self.check else MultiValueField(required=False, label=self.label)
        return self._field


class ContentTypeFilter(CheckedValuesMixin, MultiValueFilter):
    """`"app_label.model"` values, matched against a content type relation (`?termination_a_type=dcim.interface`);
    a label that names no installed model is a validation error (unless `check=False`)."""

    def checked_field(self) -> forms.Field:
        return ContentTypeField(required=False, label=self.label)

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


class BooleanFilter(django_filters.BooleanFilter):
    field_class = TruthyBooleanField


class TagFilter(CheckedValuesMixin, django_filters.Filter):
    """`?tag=a&tag=b`: objects that carry every one of the tags (AND), by slug (or UUID); each tag must exist.
    With `exclude` (`tag__n`): objects that carry none of them.

    `tag_model` is the model of the `tags` relation (the core does not import the tags app); Nautobot 1.x's
    `TagFilter()` gives none: it is then `extras.Tag`, found by name.
    """

    def __init__(self, *args, tag_model: type[models.Model] | None = None, **kwargs) -> None:
        self._tag_model = tag_model
        kwargs.setdefault("field_name", "tags")
        super().__init__(*args, **kwargs)

    @property
    def tag_model(self) -> type[models.Model]:
        return self._tag_model or django_apps.get_model("extras", "Tag")

    def checked_field(self) -> forms.Field:
        return RelatedObjectsField(required=False, label=self.label, model=self.tag_model, key="slug")

    def filter(self, qs, value):
        if self.exclude:
            uuids = [item for item in value or [] if isinstance(item, uuid.UUID)]
            slugs = [item for item in value or [] if not isinstance(item, uuid.UUID)]
            return qs.exclude(Q(tags__in=uuids) | Q(tags__slug__in=slugs)) if value else qs
        for item in value or []:
            qs = qs.filter(tags=item) if isinstance(item, uuid.UUID) else qs.filter(tags__slug=item)
        return qs


class SearchFilter(django_filters.CharFilter):
    """`q`: objects whose `fields` contain the text (case-insensitive; a number field: equal to a whole number).

    Nautobot 1.6's form, `SearchFilter(filter_predicates={"name": "icontains", "asn": {"lookup_expr": "exact",
    "preprocessor": int}})`, names each field's lookup (and a function the text goes through first; a value it
    refuses with `ValueError`/`TypeError` leaves that field out of the search).
    """

    def __init__(self, fields: tuple[str, ...] = (), *, filter_predicates: dict | None = None, **kwargs) -> None:
        self.search_fields = fields
        self.filter_predicates = filter_predicates
        kwargs.setdefault("label", "Search")
        super().__init__(**kwargs)

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        if self.filter_predicates is not None:
            return qs.filter(self._predicates(value)).distinct()
        condition = Q()
        for name in self.search_fields:
            if isinstance(_resolve(qs.model, name)[0], models.IntegerField):
                # A number field matches a whole number exactly (a VLAN's `vid`), as the original's.
                if value.isdigit():
                    condition |= Q(**{name: int(value)})
            else:
                condition |= Q(**{f"{name}__icontains": value})
        return qs.filter(condition)

    def _predicates(self, value: str) -> Q:
        condition = Q()
        for field, predicate in self.filter_predicates.items():
            spec = predicate if isinstance(predicate, dict) else {"lookup_expr": predicate}
            preprocessor = spec.get("preprocessor")
            try:
                term = preprocessor(value) if preprocessor else value
            except (ValueError, TypeError):
                continue
            condition |= Q(**{f"{field}__{spec.get('lookup_expr', 'icontains')}": term})
        return condition


# Nautobot 1.x's lookup variants of a filter, by the filter's kind: `name__ic`, `asn__gte`, `status__n`...
CHAR_LOOKUPS = {
    "n": "exact",
    "ic": "icontains",
    "nic": "icontains",
    "iew": "iendswith",
    "niew": "iendswith",
    "isw": "istartswith",
    "nisw": "istartswith",
    "ie": "iexact",
    "nie": "iexact",
    "re": "regex",
    "nre": "regex",
    "ire": "iregex",
    "nire": "iregex",
}
NUMERIC_LOOKUPS = {"n": "exact", "lte": "lte", "lt": "lt", "gte": "gte", "gt": "gt"}
NEGATION_LOOKUPS = {"n": "exact"}


class MultiValueTypedFilter(MultiValueFilter):
    """A 1.x multi-value filter: each value cleaned by a form field of `inner_class`; values are ORed."""

    inner_class: type[forms.Field] = forms.CharField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("inner", self.inner_class())
        super().__init__(*args, **kwargs)


class MultiValueCharFilter(MultiValueTypedFilter):
    inner_class = forms.CharField


class MultiValueNumberFilter(MultiValueTypedFilter):
    inner_class = forms.IntegerField


class MultiValueBigNumberFilter(MultiValueNumberFilter):
    pass


class MultiValueDecimalFilter(MultiValueTypedFilter):
    inner_class = forms.DecimalField


class MultiValueFloatFilter(MultiValueTypedFilter):
    inner_class = forms.FloatField


class MultiValueDateFilter(MultiValueTypedFilter):
    inner_class = forms.DateField


class MultiValueDateTimeFilter(MultiValueTypedFilter):
    inner_class = forms.DateTimeField


class MultiValueTimeFilter(MultiValueTypedFilter):
    inner_class = forms.TimeField


class MultiValueUUIDFilter(MultiValueTypedFilter):
    inner_class = forms.UUIDField


class MultiValueMACAddressFilter(MultiValueCharFilter):
    pass


NUMERIC_FILTERS = (
    MultiValueNumberFilter,
    MultiValueDecimalFilter,
    MultiValueFloatFilter,
    MultiValueDateFilter,
    MultiValueDateTimeFilter,
    MultiValueTimeFilter,
)


def _lookups_of(existing: django_filters.Filter) -> dict | None:
    """Which 1.x lookup variants a filter gets (None: none)."""
    if isinstance(existing, NUMERIC_FILTERS):
        return NUMERIC_LOOKUPS
    if isinstance(existing, (MultiValueUUIDFilter, django_filters.ModelMultipleChoiceFilter, TagFilter)) or (
        existing.extra.get("choices")
    ):
        return NEGATION_LOOKUPS
    if isinstance(existing, (django_filters.CharFilter, django_filters.MultipleChoiceFilter, MultiValueCharFilter)):
        return CHAR_LOOKUPS
    return None


class BaseFilterSet(django_filters.FilterSet):
    """Base of every generated filterset; hand-written overrides subclass it (`ObjectSpec.filterset_base`).

    Also Nautobot 1.x's `BaseFilterSet`, which apps subclass with `Meta.model`/`Meta.fields` and their own
    filters: a model field named in `Meta.fields` gets a multi-value filter (`?name=a&name=b`), and every
    filter with a plain lookup gets the 1.x variants, `__n` (not), and for text `__ic __nic __isw __nisw __iew
    __niew __ie __nie __re __nre __ire __nire`, for numbers and dates `__lt __lte __gt __gte` (generated
    filtersets declare theirs and set `generate_lookups = False`).
    """

    generate_lookups = True
    FILTER_DEFAULTS = {
        **django_filters.filterset.FILTER_FOR_DBFIELD_DEFAULTS,
        models.AutoField: {"filter_class": MultiValueNumberFilter},
        models.BigIntegerField: {"filter_class": MultiValueBigNumberFilter},
        models.CharField: {"filter_class": MultiValueCharFilter},
        models.DateField: {"filter_class": MultiValueDateFilter},
        models.DateTimeField: {"filter_class": MultiValueDateTimeFilter},
        models.DecimalField: {"filter_class": MultiValueDecimalFilter},
        models.EmailField: {"filter_class": MultiValueCharFilter},
        models.FloatField: {"filter_class": MultiValueFloatFilter},
        models.IntegerField: {"filter_class": MultiValueNumberFilter},
        models.PositiveIntegerField: {"filter_class": MultiValueNumberFilter},
        models.PositiveSmallIntegerField: {"filter_class": MultiValueNumberFilter},
        models.SlugField: {"filter_class": MultiValueCharFilter},
        models.SmallIntegerField: {"filter_class": MultiValueNumberFilter},
        models.TextField: {"filter_class": MultiValueCharFilter},
        models.TimeField: {"filter_class": MultiValueTimeFilter},
        models.URLField: {"filter_class": MultiValueCharFilter},
        models.UUIDField: {"filter_class": MultiValueUUIDFilter},
    }

    @classmethod
    def get_fields(cls):
        """`Meta.fields`, with `id` first unless excluded: as 1.x's, every filterset filters by `id` (the list
        views' own tests select one object with `?id=`)."""
        fields = super().get_fields()
        if "id" not in fields and "id" not in cls.declared_filters and "id" not in (cls._meta.exclude or ()):
            fields = {"id": [django_filters.conf.settings.DEFAULT_LOOKUP_EXPR], **fields}
        return fields

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        if not cls.generate_lookups or cls._meta.model is None:
            return filters
        variants = {}
        for name, existing in filters.items():
            variants.update(cls._lookup_variants(name, existing))
        return {**variants, **filters}  # a filter the class names itself wins over a variant of the same name

    @classmethod
    def _lookup_variants(cls, name: str, existing: django_filters.Filter) -> dict:
        if existing.method is not None or existing.lookup_expr not in ("exact", "in") or not existing.field_name:
            return {}
        lookups = _lookups_of(existing)
        if lookups is None:
            return {}
        try:
            field, _ = _resolve(cls._meta.model, existing.field_name)
        except Exception:  # a path that is not a model field (a property, an annotation): no variants
            return {}
        variants = {}
        for suffix, lookup in lookups.items():
            variant_name = f"{name}__{suffix}"
            if variant_name in cls.declared_filters:
                continue
            try:
                django_filters.utils.resolve_field(field, lookup)
            except django_filters.exceptions.FieldLookupError:
                continue
            if name in cls.declared_filters or isinstance(existing, (MultiValueFilter, TagFilter)):
                variant = copy.deepcopy(existing)
                variant.lookup_expr = lookup
            else:
                variant = cls.filter_for_field(field, existing.field_name, lookup)
            if suffix.startswith("n"):
                variant.exclude = not existing.exclude
            variants[variant_name] = variant
        return variants

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
        # Filters that depend on rows (relationships' `cr_<slug>__<side>`), from a mixin's `dynamic_filters()`.
        dynamic = getattr(self, "dynamic_filters", None)
        if dynamic is not None:
            self.filters.update({k: v for k, v in dynamic().items() if k not in self.filters})
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self

    @classmethod
    def declared_parameter_names(cls) -> set[str]:
        return set(cls.base_filters)

    def unknown_parameters(self) -> list[str]:
        """The parameters of the data that are no filter of this filterset (`cf_<name>` are the custom fields'
        filters, checked where they apply: `registry.queryset_filters`)."""
        return [name for name in self.data if name not in self.filters and not name.startswith("cf_")]

    def is_valid(self) -> bool:
        """As 1.x's: with `settings.STRICT_FILTERING` (the default) a parameter that is no filter makes the data
        invalid ("Unknown filter field" in `errors`); without it, it is ignored with a warning in the log."""
        return super().is_valid() and not (settings.STRICT_FILTERING and self.unknown_parameters())

    @property
    def errors(self):
        if getattr(self, "_errors", None) is None:
            errors = ErrorDict(self.form.errors)
            for name in self.unknown_parameters():
                if name in errors:
                    continue
                if settings.STRICT_FILTERING:
                    errors.setdefault(name, ErrorList()).append("Unknown filter field")
                else:
                    logger.warning('%s: Unknown filter field "%s"', type(self).__name__, name)
            self._errors = errors
        return self._errors


class RelatedFilter(MultiValueFilter):
    """Filter on a related object named by primary key (or `null`), each value checked to exist.

    `path` is the relation's path from the filtered model; the related model is `model`, or found from the path.
    """

    key: str | None = None

    def __init__(
        self, *args, path: str, model=None, key_field: forms.Field | None = None, check: bool = True, **kwargs
    ) -> None:
        self.path, self.target, self.key_field, self.check = path, model, key_field, check
        kwargs.setdefault("field_name", path)
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            target = self.target or _resolve(self.model, self.path)[0].related_model
            subtree = target._meta.label in SUBTREE_MODELS and target is not getattr(self, "model", None)
            self._field = RelatedObjectsField(
                model=target,
                key=self.key,
                key_field=self.key_field,
                check=self.check,
                subtree=subtree,
                required=False,
                label=self.label,
            )
        return self._field

    def condition(self, item) -> Q:
        if isinstance(item, Subtree):
            return Q(**{f"{self.path}__in": item})
        return Q(**{f"{self.path}__isnull": True}) if item is None else Q(**{self.path: item})

    def filter(self, qs, value):
        if not value:
            return qs
        condition = Q()
        for item in value:
            condition |= self.condition(item)
        if self.exclude:
            return qs.exclude(condition)
        return qs.filter(condition).distinct() if self.distinct else qs.filter(condition)


class NaturalKeyOrPKFilter(RelatedFilter):
    """`?site=<slug>` or `?site=<uuid>` (the original's 1.4+ "ID or slug" filters); repeated values are ORed."""

    def __init__(self, *args, path: str, key: str, key_field: forms.Field | None = None, **kwargs) -> None:
        self.key = key
        kwargs.setdefault("field_name", f"{path}__{key}")
        super().__init__(*args, path=path, key_field=key_field, **kwargs)

    def condition(self, item) -> Q:
        if item is None or isinstance(item, (uuid.UUID, Subtree)):
            return super().condition(item)
        return Q(**{f"{self.path}__{self.key}": item})


class TagExcludeFilter(NaturalKeyOrPKFilter):
    """`?tag__n=a&tag__n=b`: objects carrying none of the tags."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, exclude=True, **kwargs)


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


class RelatedMembershipBooleanFilter(BooleanFilter):
    """Nautobot 1.x's `has_<relation>` filter: `true` = objects with at least one related object through
    `field_name`, `false` = objects with none."""

    def __init__(self, field_name=None, lookup_expr="isnull", *, exclude=True, distinct=True, **kwargs) -> None:
        super().__init__(field_name=field_name, lookup_expr=lookup_expr, exclude=exclude, distinct=distinct, **kwargs)


class NaturalKeyOrPKMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Nautobot 1.x's related-object filter: each value the primary key or the natural key (`to_field_name`,
    `slug` by default) of an object of `queryset`; `null` selects objects without one; unknown values are a
    validation error naming them."""

    def __init__(self, *args, to_field_name: str = "slug", **kwargs) -> None:
        self.natural_key = to_field_name
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            queryset = self.get_queryset(getattr(self, "parent", None) and self.parent.request)
            self._field = RelatedObjectsField(
                model=queryset.model, key=self.natural_key, required=False, label=self.label
            )
        return self._field

    def filter(self, qs, value):
        if not value:
            return qs
        condition = Q()
        for item in value:
            if item is None:
                condition |= Q(**{f"{self.field_name}__isnull": True})
            elif isinstance(item, uuid.UUID):
                condition |= Q(**{f"{self.field_name}__pk": item})
            else:
                condition |= Q(**{f"{self.field_name}__{self.natural_key}": item})
        if self.exclude:
            return qs.exclude(condition)
        return qs.filter(condition).distinct() if self.distinct else qs.filter(condition)


class TreeNodeMultipleChoiceFilter(NaturalKeyOrPKMultipleChoiceFilter):
    """A related tree node (region, rack group, tenant group) by key or primary key: objects related to the
    node or to any of its descendants."""

    def filter(self, qs, value):
        if not value:
            return qs
        model = self.get_queryset(None).model
        condition = Q()
        for item in value:
            if item is None:
                condition |= Q(**{f"{self.field_name}__isnull": True})
                continue
            lookup = {"pk": item} if isinstance(item, uuid.UUID) else {self.natural_key: item}
            for node in model.objects.filter(**lookup):
                subtree = node.descendants(include_self=True) if hasattr(node, "descendants") else [node]
                condition |= Q(**{f"{self.field_name}__in": subtree})
        if self.exclude:
            return qs.exclude(condition)
        return qs.filter(condition).distinct()


class ContentTypeMultipleChoiceFilter(ContentTypeFilter):
    """Nautobot 1.x's content-type filter with `choices` (a `FeatureQuery`): `"app_label.model"` labels, ORed
    (1.x's `conjoined=True`: objects related to every one of them, for a to-many relation)."""

    def __init__(self, *args, choices=None, conjoined: bool = False, **kwargs) -> None:
        self.conjoined = conjoined
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not (self.conjoined and value):
            return super().filter(qs, value)
        for label in value:
            app_label, _, model = str(label).lower().partition(".")
            qs = qs.filter(**{f"{self.field_name}__app_label": app_label, f"{self.field_name}__model": model})
        return qs
