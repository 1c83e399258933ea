"""The form fields of filter values: what a query parameter accepts (several values, `null`, natural keys or
primary keys of related objects, content type labels, booleans, choices) and the messages of what it refuses."""

import uuid
from collections.abc import Iterable
from typing import Any

from django import forms
from django.db import models
from django.db.models import Q

from nautobot.core import fastpath
from nautobot.core.settings_funcs import is_truthy

INVALID_CHOICE = "Select a valid choice. {value} is not one of the available choices."
INVALID_UUID = "“{value}” is not a valid UUID."


class MultiValueField(forms.Field):
    """A form field holding every value of a repeated query parameter, each cleaned by `inner`."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *args, inner: forms.Field | None = None, **kwargs) -> None:
        self.inner = inner or forms.CharField()
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> list:
        if value in (None, "", []):
            return []
        # Any collection is several values: a list from a query string, or what a 1.x app's test passes
        # (`{"id": queryset.values_list("pk", flat=True)[:2]}`, a set...).
        values = [value] if isinstance(value, (str, bytes, dict)) or not isinstance(value, Iterable) else list(value)
        # Empty values are dropped, as the original's (`?name=` filters nothing; it is not a 400).
        return [self.inner.clean(v) for v in values if v not in ("", None)]


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
        try:
            return is_truthy(value)
        except ValueError:
            raise forms.ValidationError(f"'{value}' is not a boolean; use true or false.") from None

    def validate(self, value):
        pass


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


class Subtree(frozenset):
    """The primary keys of a tree node and of all its descendants (what a `region=` filter matches)."""


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
        # Any collection is several values: a list from a query string, or what a 1.x app's test passes
        # (`{"id": queryset.values_list("pk", flat=True)[:2]}`, a set...).
        values = [value] if isinstance(value, (str, bytes, dict)) or not isinstance(value, Iterable) else list(value)
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
