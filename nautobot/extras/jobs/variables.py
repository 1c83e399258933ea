"""Job variables: each declares one input of a job and becomes a Django form field for validation.

Compatible with the 1.x classes and keyword arguments. Unlike the original, a bound of 0 and a
falsy default (`0`, `""`, `False`) are honoured: only `None` means "not given".
"""

from __future__ import annotations

import itertools
import uuid
from typing import Any

import netaddr
from django import forms
from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxLengthValidator, MinLengthValidator, RegexValidator

_order = itertools.count()


class ScriptVariable:
    """Base of every variable: `label`, `description` (help text), `default`, `required`, `widget`."""

    form_field: type[forms.Field] = forms.CharField

    def __init__(
        self, label: str = "", description: str = "", default: Any = None, required: bool = True, widget=None
    ) -> None:
        self.creation_order = next(_order)
        self.field_attrs: dict[str, Any] = {"help_text": description, "required": required}
        if label:
            self.field_attrs["label"] = label
        if default is not None:
            self.field_attrs["initial"] = default
        if widget is not None:
            self.field_attrs["widget"] = widget

    @property
    def default(self) -> Any:
        return self.field_attrs.get("initial")

    def as_field(self) -> forms.Field:
        """A fresh form field for this variable."""
        field = self.form_field(**self.field_attrs)
        if not field.label:
            field.label = None
        return field

    def describe(self, name: str) -> dict:
        """The `GET /api/extras/jobs/<id>/variables/` entry of this variable."""
        entry = {"name": name, "type": type(self).__name__, "required": self.field_attrs["required"]}
        if self.field_attrs.get("label"):
            entry["label"] = self.field_attrs["label"]
        if self.field_attrs.get("help_text"):
            entry["help_text"] = self.field_attrs["help_text"]
        if "initial" in self.field_attrs:
            entry["default"] = _plain(self.field_attrs["initial"])
        return entry


def _plain(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "pk"):
        return str(value.pk)
    return str(value)


class StringVar(ScriptVariable):
    """A line of text, optionally bounded in length and matched against `regex`."""

    def __init__(
        self, min_length: int | None = None, max_length: int | None = None, regex: str | None = None, *args, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.min_length, self.max_length, self.regex = min_length, max_length, regex
        validators = []
        if min_length is not None:
            validators.append(MinLengthValidator(min_length))
        if max_length is not None:
            validators.append(MaxLengthValidator(max_length))
        if regex is not None:
            validators.append(
                RegexValidator(regex=regex, message=f"Invalid value. Must match regex: {regex}", code="invalid")
            )
        if validators:
            self.field_attrs["validators"] = validators

    def describe(self, name: str) -> dict:
        entry = super().describe(name)
        entry.update(
            {k: v for k, v in (("min_length", self.min_length), ("max_length", self.max_length)) if v is not None}
        )
        return entry


class TextVar(ScriptVariable):
    """Free-form text of several lines."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.field_attrs.setdefault("widget", forms.Textarea)


class IntegerVar(ScriptVariable):
    """An integer, optionally within `min_value`..`max_value` (0 is a bound like any other)."""

    form_field = forms.IntegerField

    def __init__(self, min_value: int | None = None, max_value: int | None = None, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.min_value, self.max_value = min_value, max_value
        if min_value is not None:
            self.field_attrs["min_value"] = min_value
        if max_value is not None:
            self.field_attrs["max_value"] = max_value

    def describe(self, name: str) -> dict:
        entry = super().describe(name)
        entry.update({k: v for k, v in (("min_value", self.min_value), ("max_value", self.max_value)) if v is not None})
        return entry


class BooleanVar(ScriptVariable):
    """True or false; never required (an unchecked box is False), default False."""

    form_field = forms.BooleanField

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.field_attrs["required"] = False
        self.field_attrs.setdefault("initial", False)


class ChoiceVar(ScriptVariable):
    """One of `choices` (a sequence of `(value, label)` pairs)."""

    form_field = forms.ChoiceField

    def __init__(self, choices, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.field_attrs["choices"] = choices

    def describe(self, name: str) -> dict:
        entry = super().describe(name)
        entry["choices"] = {str(k): str(v) for k, v in self.field_attrs["choices"]}
        return entry


class MultiChoiceVar(ChoiceVar):
    """Any number of `choices`."""

    form_field = forms.MultipleChoiceField


class _ObjectChoiceMixin:
    """Accept an object by primary key or by a dictionary of attributes (as the REST API does)."""

    def _lookup(self, value):
        # Here, not at the top: job modules import the variables at any time, even before Django's models are
        # loaded, and the REST API's fields module needs them.
        from nautobot.core.api.fields import attribute_lookups

        queryset = self.queryset
        try:
            if isinstance(value, dict):
                return queryset.get(**attribute_lookups(queryset.model, value))
            if hasattr(value, "pk"):
                value = value.pk
            return queryset.get(pk=uuid.UUID(str(value)) if _is_uuid(value) else value)
        except (ObjectDoesNotExist, MultipleObjectsReturned, ValueError, TypeError, DjangoValidationError):
            raise DjangoValidationError(
                f"Select a valid choice. {value} is not one of the available choices.", code="invalid_choice"
            ) from None


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


class ObjectChoiceField(_ObjectChoiceMixin, forms.ModelChoiceField):
    def to_python(self, value):
        if value in self.empty_values:
            return None
        return self._lookup(value)


class MultipleObjectChoiceField(_ObjectChoiceMixin, forms.ModelMultipleChoiceField):
    def clean(self, value):
        if value in self.empty_values or value == []:
            if self.required:
                raise DjangoValidationError(self.error_messages["required"], code="required")
            return self.queryset.none()
        if not isinstance(value, (list, tuple)):
            value = [value]
        found = [self._lookup(v) for v in value]
        return self.queryset.filter(pk__in=[o.pk for o in found])


class ObjectVar(ScriptVariable):
    """One object of `model` (or of `queryset`), optionally narrowed by `query_params`."""

    form_field = ObjectChoiceField

    def __init__(
        self,
        model=None,
        queryset=None,
        display_field: str = "display",
        query_params: dict | None = None,
        null_option: str | None = None,
        *args,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        if model is not None:
            queryset = model.objects.all()
        elif queryset is not None:
            model = queryset.model
        else:
            raise TypeError(f"{type(self).__name__} needs a model (model=...).")
        self.model, self.display_field = model, display_field
        self.query_params, self.null_option = query_params or {}, null_option
        self.field_attrs["queryset"] = queryset

    def describe(self, name: str) -> dict:
        entry = super().describe(name)
        entry["model"] = self.model._meta.label_lower
        if self.query_params:
            entry["query_params"] = self.query_params
        return entry


class MultiObjectVar(ObjectVar):
    """Any number of objects of `model`."""

    form_field = MultipleObjectChoiceField


class FileVar(ScriptVariable):
    """An uploaded file; the job receives a file object it can `read()`."""

    form_field = forms.FileField


class _NetaddrField(forms.Field):
    kind = "address"

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, (netaddr.IPAddress, netaddr.IPNetwork)):
            return value
        try:
            return self.parse(str(value).strip())
        except (netaddr.AddrFormatError, ValueError, TypeError):
            raise DjangoValidationError(f"Invalid IP {self.kind}: {value}", code="invalid") from None


class IPAddressField(_NetaddrField):
    def parse(self, text: str):
        if "/" in text:
            raise ValueError(text)
        return netaddr.IPAddress(text)


class IPAddressWithMaskField(_NetaddrField):
    kind = "address with mask"

    def parse(self, text: str):
        if "/" not in text:
            raise ValueError(text)
        return netaddr.IPNetwork(text)


class IPNetworkField(_NetaddrField):
    kind = "network"

    def __init__(self, *, min_prefix_length: int | None = None, max_prefix_length: int | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.min_prefix_length, self.max_prefix_length = min_prefix_length, max_prefix_length

    def parse(self, text: str):
        if "/" not in text:
            raise ValueError(text)
        return netaddr.IPNetwork(text)

    def validate(self, value) -> None:
        super().validate(value)
        if value is None:
            return
        if value.ip != value.network:
            raise DjangoValidationError(
                f"{value} is not a network (host bits are set); did you mean {value.cidr}?", code="invalid"
            )
        if self.min_prefix_length is not None and value.prefixlen < self.min_prefix_length:
            raise DjangoValidationError(
                f"Invalid prefix length: must be at least {self.min_prefix_length}.", code="min_prefix_length"
            )
        if self.max_prefix_length is not None and value.prefixlen > self.max_prefix_length:
            raise DjangoValidationError(
                f"Invalid prefix length: must be at most {self.max_prefix_length}.", code="max_prefix_length"
            )


class IPAddressVar(ScriptVariable):
    """An IPv4 or IPv6 address without a mask (`netaddr.IPAddress`)."""

    form_field = IPAddressField


class IPAddressWithMaskVar(ScriptVariable):
    """An address with its mask, e.g. `192.0.2.1/24` (`netaddr.IPNetwork`)."""

    form_field = IPAddressWithMaskField


class IPNetworkVar(ScriptVariable):
    """A network, e.g. `192.0.2.0/24`, optionally within prefix-length bounds (0 is a bound too)."""

    form_field = IPNetworkField

    def __init__(
        self, min_prefix_length: int | None = None, max_prefix_length: int | None = None, *args, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.field_attrs["min_prefix_length"] = min_prefix_length
        self.field_attrs["max_prefix_length"] = max_prefix_length


__all__ = [
    "BooleanVar",
    "ChoiceVar",
    "FileVar",
    "IPAddressVar",
    "IPAddressWithMaskVar",
    "IPNetworkVar",
    "IntegerVar",
    "MultiChoiceVar",
    "MultiObjectVar",
    "ObjectVar",
    "ScriptVariable",
    "StringVar",
    "TextVar",
]
