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

from nautobot.core import fastpath
from nautobot.core.registry import registry
from nautobot.core.specs import ObjectSpec, has_spec, spec_for

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
INVALID_CHOICE = "Select a valid choice. {value} is not one of the available choices."
INVALID_UUID = "“{value}” is not a valid UUID."
# Query parameters that are never filters.
NON_FILTER_PARAMETERS = frozenset(
    {"api_version", "brief", "format", "include", "limit", "offset", "exclude", "export", "depth"}
)


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
        return (
            qs.exclude(condition)
            if self.exclude
            else qs.filter(condition).distinct()
            if self.distinct
            else qs.filter(condition)
        )


class ContentTypeField(MultiValueField):
    """`"app_label.model"` labels (case-insensitive) of installed models, checked without a query."""

    def clean(self, value: Any) -> list:
        from django.apps import apps

        labels = super().clean(value)
        for label in labels:
            app_label, _, model = str(label).lower().partition(".")
            if model not in apps.all_models.get(app_label, {}):
                raise forms.ValidationError(INVALID_CHOICE.format(value=label), code="invalid_choice")
        return labels


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


class ChoiceValueField(forms.Field):
    """One of a model field's choices (its stored value, as text; `null` = none); anything else is an error."""

    def __init__(self, *args, choices=(), **kwargs) -> None:
        self.values = {str(value): value for value, _ in choices}
        super().__init__(*args, **kwargs)

    def clean(self, value):
        if value in ("null", None):
            return None
        if str(value) not in self.values:
            raise forms.ValidationError(INVALID_CHOICE.format(value=value), code="invalid_choice")
        return self.values[str(value)]


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


class Subtree(frozenset):
    """The primary keys of a tree node and of all its descendants (what a `region=` filter matches)."""


# Filters naming one of these (other than its own model's `parent`/`children`) match the node's descendants too,
# as the original's tree filters: `?region=europe` includes sites in `france`.
SUBTREE_MODELS = frozenset({"dcim.Region", "dcim.RackGroup", "tenancy.TenantGroup"})


class RelatedObjectsField(MultiValueField):
    """Every value of a relation parameter: `null` (none), a primary key, or (given `key`) a natural key.

    Each value must name an existing object, as the original's (django-filter's model choice filters): an
    unknown one is a validation error naming it, `Select a valid choice. <value> is not one of the available
    choices.`; a malformed primary key is `"<value>" is not a valid UUID.` One query checks all the values of
    the parameter (none when every value is `null`). Cleans to a list of None / primary keys / natural keys.
    """

    def __init__(
        self,
        *args,
        model=None,
        key: str | None = None,
        key_field: forms.Field | None = None,
        check: bool = True,
        subtree: bool = False,
        **kwargs,
    ) -> None:
        self.model, self.key, self.check, self.subtree = model, (None if key == "pk" else key), check, subtree
        self.key_field = key_field or forms.CharField()
        super().__init__(*args, **kwargs)

    def _parse(self, raw: str):
        if raw == "null":
            return None
        pk_field = self.model._meta.pk
        if isinstance(pk_field, models.UUIDField):
            try:
                return ("pk", uuid.UUID(raw))
            except ValueError:
                if self.key is None:
                    raise forms.ValidationError(INVALID_UUID.format(value=raw), code="invalid") from None
        elif self.key is None or raw.isdigit():
            try:
                return ("pk", int(raw))
            except ValueError:
                raise forms.ValidationError(INVALID_CHOICE.format(value=raw), code="invalid_choice") from None
        if raw == "":
            raise forms.ValidationError(INVALID_CHOICE.format(value=raw), code="invalid_choice")
        return ("key", self.key_field.clean(raw))

    def clean(self, value: Any) -> list:
        if value in (None, []):
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        parsed = [(str(raw), self._parse(str(raw))) for raw in values if raw is not None]
        wanted = {
            "pk": {p[1] for _, p in parsed if p and p[0] == "pk"},
            "key": {p[1] for _, p in parsed if p and p[0] == "key"},
        }
        if self.subtree and (wanted["pk"] or wanted["key"]):
            return self._subtrees(parsed)
        if self.check and (wanted["pk"] or wanted["key"]):
            self._check_exist(parsed, wanted)
        return [p if p is None else p[1] for _, p in parsed]

    def _subtrees(self, parsed: list) -> list:
        """For a tree model: each named node becomes a `Subtree` of it and its descendants (one query reads the
        whole tree: regions, tenant groups and rack groups are small)."""
        key = self.key or "pk"
        rows = list(self.model._base_manager.values_list("pk", key, "parent_id"))
        children: dict = {}
        by_key: dict = {}
        for pk, natural, parent in rows:
            children.setdefault(parent, []).append(pk)
            by_key.setdefault(natural, []).append(pk)
        known_pks = {row[0] for row in rows}
        cleaned = []
        for raw, item in parsed:
            if item is None:
                cleaned.append(None)
                continue
            roots = ([item[1]] if item[1] in known_pks else []) if item[0] == "pk" else by_key.get(item[1], [])
            if not roots and self.check:
                raise forms.ValidationError(INVALID_CHOICE.format(value=raw), code="invalid_choice")
            nodes, stack = set(), list(roots)
            while stack:
                node = stack.pop()
                if node not in nodes:
                    nodes.add(node)
                    stack.extend(children.get(node, ()))
            cleaned.append(Subtree(nodes))
        return cleaned

    def _check_exist(self, parsed: list, wanted: dict) -> None:
        from django.db import connection

        key = self.key or "pk"
        condition = Q(pk__in=wanted["pk"]) if wanted["pk"] else Q(pk__in=[])
        if wanted["key"]:
            condition |= Q(**{f"{key}__in": wanted["key"]})
        found: dict[str, set] = {"pk": set(), "key": set()}
        # MySQL compares strings case-insensitively: so do its filters, so must this check.
        fold = (lambda v: v.casefold() if isinstance(v, str) else v) if connection.vendor == "mysql" else (lambda v: v)  # noqa: E731
        query = _existence_query(self.model, key, bool(wanted["pk"]), bool(wanted["key"]))
        if query is not None:
            values = [list(wanted[kind]) for kind in ("pk", "key") if wanted[kind]]
            rows = [(obj.pk, getattr(obj, key)) for obj in query(*values)]
        else:
            rows = self.model._base_manager.filter(condition).values_list("pk", key).distinct()
        for pk, natural in rows:
            found["pk"].add(pk)
            found["key"].add(fold(natural))
        for raw, item in parsed:
            if item is not None and fold(item[1]) not in found[item[0]]:
                raise forms.ValidationError(INVALID_CHOICE.format(value=raw), code="invalid_choice")


_existence_queries: dict = {}
_TEXT_KEY_SAMPLE = "\x00nautobot-filter-sample\x00"


def _existence_query(model, key: str, by_pk: bool, by_key: bool):
    """The existence check of `RelatedObjectsField` (`pk IN (...) OR <key> IN (...)`, either side alone when the
    other has no values), its SQL compiled once on the fast path; None when the key is not a text column."""
    signature = (model, key, by_pk, by_key)
    if signature in _existence_queries:
        return _existence_queries[signature]
    query = None
    # A `pk` key never has key values (they parse as primary keys); other keys: text columns only.
    text_key = key == "pk" or isinstance(model._meta.get_field(key), (models.CharField, models.TextField))
    if text_key and (by_pk or by_key):
        samples = ([[fastpath.sample_pk(model)]] if by_pk else []) + ([[_TEXT_KEY_SAMPLE]] if by_key else [])

        def build(*values):
            condition, position = Q(), 0
            if by_pk:
                condition |= Q(pk__in=values[position])
                position += 1
            if by_key:
                condition |= Q(**{f"{key}__in": values[position]})
            return model._base_manager.filter(condition).only(*dict.fromkeys(("pk", key))).order_by()

        query = fastpath.Query(build, *samples)
    _existence_queries[signature] = query
    return query


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
        attrs = {**filters_for_spec(spec), "Meta": meta, "__module__": spec.__module__}
        # Hand-written filters of the base win over generated ones of the same name.
        for name in getattr(base, "declared_filters", {}):
            attrs.pop(name, None)
        filterset = _cache[model] = type(f"{model.__name__}FilterSet", (base,), attrs)
    return filterset


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
        for hook in registry.queryset_filters:
            queryset = hook.apply(queryset, request.query_params)
        return queryset


def unknown_parameters(filterset_class: type[BaseFilterSet], params) -> list[str]:
    """Return the query parameters that are neither filters nor known non-filter parameters."""
    known = filterset_class.declared_parameter_names()
    return [p for p in params if p not in known and p not in NON_FILTER_PARAMETERS and not p.startswith("cf_")]
