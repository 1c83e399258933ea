"""Serializer fields of the wire contract: nested related objects, `{value, label}` choices, content types."""

import json
import uuid
import zoneinfo
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import serializers

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.urlbuilding import detail_url


class NestedRelatedField(serializers.RelatedField):
    """A foreign key: read as the related object's brief dict; written as a UUID or a dict of attributes."""

    default_error_messages = {
        "not_found_id": "Related object not found using the provided ID: {value}",
        "not_found_attrs": "Related object not found using the provided attributes: {value}",
        "multiple": "Multiple objects match the provided attributes: {value}",
        "unrecognized": "Related objects must be referenced by ID or by dictionary of attributes. Received an unrecognized value: {value}",
    }

    def __init__(self, **kwargs) -> None:
        kwargs.pop("view_name", None)
        super().__init__(**kwargs)

    def use_pk_only_optimization(self) -> bool:
        return False

    def to_representation(self, value: models.Model) -> dict:
        return brief_representation(value, self.context.get("request"))

    def to_internal_value(self, data: Any) -> models.Model:
        # A bulk write names the same device, site or rack in many of its objects: each distinct
        # reference is looked up once per request (the memo lives in the request's serializer context).
        memo = self._memo()
        key = self._memo_key(data)
        if key is not None and key in memo:
            return memo[key]
        found = self._lookup(data)
        if key is not None:
            memo[key] = found
        return found

    def _memo(self) -> dict:
        return self.context.setdefault("_related_lookups", {}) if isinstance(self.context, dict) else {}

    def _memo_key(self, data: Any) -> tuple | None:
        # The serializer class and field name, not the field object: a bulk update validates each
        # object with its own serializer instance, sharing one context.
        try:
            return (type(self.parent), self.field_name, json.dumps(data, sort_keys=True, default=str))
        except (TypeError, ValueError):
            return None

    def prefetch(self, references: set[str]) -> None:
        """Resolve many UUID references in one query (a bulk write); unknown ones fail later, one by one."""
        parsed = {}
        for raw in references:
            try:
                parsed[raw] = uuid.UUID(raw)
            except (ValueError, TypeError, AttributeError):
                continue
        if len(parsed) < 2:
            return  # one reference costs one query either way
        found = {obj.pk: obj for obj in self.get_queryset().filter(pk__in=set(parsed.values()))}
        memo = self._memo()
        for raw, pk in parsed.items():
            if pk in found:
                memo[self._memo_key(raw)] = found[pk]

    def _lookup(self, data: Any) -> models.Model:
        queryset = self.get_queryset()
        if isinstance(data, dict):
            return self._lookup_by_attributes(queryset, data)
        if isinstance(data, (str, uuid.UUID, int)) and not isinstance(data, bool):
            try:
                return queryset.get(pk=data)
            except (ObjectDoesNotExist, ValueError, TypeError, DjangoValidationError):
                self.fail("not_found_id", value=data)
        self.fail("unrecognized", value=data)

    def _lookup_by_attributes(self, queryset, data: dict) -> models.Model:
        lookups = attribute_lookups(queryset.model, data)
        try:
            return queryset.get(**lookups)
        except ObjectDoesNotExist:
            self.fail("not_found_attrs", value=data)
        except MultipleObjectsReturned:
            self.fail("multiple", value=data)
        except (ValueError, TypeError, DjangoValidationError):
            self.fail("not_found_attrs", value=data)

    def get_choices(self, cutoff=None):  # OPTIONS must not list every related object
        return {}


def prefetch_references(serializer: serializers.Serializer, items: list) -> None:
    """Before validating a bulk write: each related field's UUID references, one query per field."""
    for name, field in serializer.fields.items():
        if isinstance(field, NestedRelatedField) and not field.read_only:
            field.prefetch({item[name] for item in items if isinstance(item, dict) and isinstance(item.get(name), str)})


def attribute_lookups(model: type[models.Model], data: dict, prefix: str = "") -> dict:
    """Turn `{"site": {"slug": "x"}, "name": "r1", "display": ...}` into ORM lookups; keys that are not fields are ignored."""
    field_names = {f.name: f for f in model._meta.get_fields() if not f.auto_created or f.concrete}
    lookups = {}
    for key, value in data.items():
        field = field_names.get(key)
        if field is None or key.startswith("_"):
            continue
        if isinstance(value, dict) and field.is_relation and field.related_model is not None:
            lookups.update(attribute_lookups(field.related_model, value, prefix=f"{prefix}{key}__"))
        else:
            lookups[f"{prefix}{key}"] = value
    return lookups


class ChoiceField(serializers.ChoiceField):
    """An enumeration: read as `{"value": raw, "label": text}` (null when blank), written as the raw value."""

    def __init__(self, choices, **kwargs) -> None:
        kwargs.pop("max_length", None)
        super().__init__(choices, **kwargs)

    def to_representation(self, value: Any) -> dict | None:
        if value in ("", None):
            return None
        labels = getattr(self, "_labels", None)
        if labels is None:
            labels = self._labels = {str(k): str(v) for k, v in self.choices.items()}
        return {"value": value, "label": labels.get(str(value), str(value))}

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, (dict, list)):
            self.fail("invalid_choice", input=data)
        if data == "" and self.allow_blank:
            return ""
        if isinstance(data, bool):
            data = str(data).lower()
        for value in self.choices:
            if str(value) == str(data) or str(value).lower() == str(data).lower():
                return value
        self.fail("invalid_choice", input=data)


class ContentTypeField(serializers.RelatedField):
    """A content type, as the string `"app_label.model"` both ways."""

    default_error_messages = {
        "invalid": "Invalid content type: {value}",
        "does_not_exist": "Invalid content type: {value}",
    }

    def to_representation(self, value: ContentType) -> str:
        return f"{value.app_label}.{value.model}"

    def to_internal_value(self, data: Any) -> ContentType:
        """`"app_label.model"`; also its id, which the web UI's content type choosers send."""
        try:
            if isinstance(data, int) and not isinstance(data, bool) or isinstance(data, str) and data.isdigit():
                return self.get_queryset().get(pk=int(data))
            app_label, model = str(data).lower().split(".", 1)
            return self.get_queryset().get(app_label=app_label, model=model)
        except (ValueError, ObjectDoesNotExist):
            self.fail("does_not_exist", value=data)

    def get_choices(self, cutoff=None):
        return {f"{ct.app_label}.{ct.model}": f"{ct.app_label}.{ct.model}" for ct in self.get_queryset()}


class DisplayField(serializers.ReadOnlyField):
    def __init__(self, **kwargs) -> None:
        super().__init__(source="*", **kwargs)

    def to_representation(self, value: models.Model) -> str:
        return getattr(value, "display", None) or str(value)


class URLField(serializers.ReadOnlyField):
    """The object's absolute API URL, built without reversing per object."""

    def __init__(self, **kwargs) -> None:
        super().__init__(source="*", **kwargs)

    def to_representation(self, value: models.Model) -> str:
        return detail_url(self.context.get("request"), value)


class SerializedPKRelatedField(serializers.PrimaryKeyRelatedField):
    """Nautobot 1.x's related field written as primary keys and read through `serializer` (a nested serializer
    class): `SerializedPKRelatedField(queryset=..., serializer=NestedVLANSerializer, many=True)`."""

    def __init__(self, serializer: type[serializers.Serializer], **kwargs) -> None:
        self.serializer = serializer
        super().__init__(**kwargs)

    def use_pk_only_optimization(self) -> bool:
        return False

    def to_representation(self, value: models.Model) -> Any:
        return self.serializer(value, context={"request": self.context.get("request")}).data


class TimeZoneSerializerField(serializers.Field):
    """A time zone, as its IANA name both ways (`"Europe/Paris"`); blank or null for none, as Nautobot 1.x's."""

    default_error_messages = {"invalid": "A valid timezone is required."}

    def to_representation(self, value: Any) -> str | None:
        if value in (None, ""):
            return None
        return str(getattr(value, "key", None) or getattr(value, "zone", None) or value)

    def to_internal_value(self, data: Any) -> Any:
        if data in (None, ""):
            return data
        try:
            return zoneinfo.ZoneInfo(str(data)).key
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
            self.fail("invalid")
