"""The filter classes (a parameter's values and how they narrow a queryset) and `BaseFilterSet`, the base of every
generated filterset."""

import copy
import uuid
from typing import Any

import django_filters
from django import forms
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

    `tag_model` is the model of the `tags` relation (the core does not import the tags app).
    """

    def __init__(self, *args, tag_model: type[models.Model], **kwargs) -> None:
        self.tag_model = tag_model
        super().__init__(*args, **kwargs)

    def checked_field(self) -> forms.Field:
        return RelatedObjectsField(required=False, label=self.label, model=self.tag_model, key="slug")

    def filter(self, qs, value):
        for item in value or []:
            qs = qs.filter(tags=item) if isinstance(item, uuid.UUID) else qs.filter(tags__slug=item)
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
            if isinstance(_resolve(qs.model, name)[0], models.IntegerField):
                # A number field matches a whole number exactly (a VLAN's `vid`), as the original's.
                if value.isdigit():
                    condition |= Q(**{name: int(value)})
            else:
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
