"""Hand-written serializer bases for IPAM models whose wire shape is not a plain model field.

- `prefix` and `address` are CIDR strings over the stored columns; `family` is `{value, label}`.
- An IP address's interface shows as the original's generic `assigned_object_type`/`_id` pair and a
  nested `assigned_object`; `nat_outside` is one object (API 1.2) or a list (1.3+).
"""

from typing import Any

import netaddr
from django.contrib.contenttypes.models import ContentType
from rest_framework import exceptions, serializers, status

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.fields import ChoiceField
from nautobot.core.api.metadata import content_type_display
from nautobot.core.api.serializers import BaseModelSerializer, app_serializers
from nautobot.ipam.choices import IPVersionChoices
from nautobot.ipam.models import ASSIGNMENT_FIELDS, IPAddress


class CIDRField(serializers.Field):
    """A network or an interface address as `"10.0.0.0/24"`; a bare address means a host (/32, /128)."""

    metadata_type = "string"  # OPTIONS

    default_error_messages = {
        "invalid": "Enter a valid IPv4 or IPv6 address with optional mask (e.g. {example}); got {value!r}."
    }

    def __init__(self, *, example: str, **kwargs) -> None:
        self.example = example
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return str(value)

    def to_internal_value(self, data: Any) -> netaddr.IPNetwork:
        if not isinstance(data, str):
            self.fail("invalid", example=self.example, value=data)
        try:
            return netaddr.IPNetwork(data.strip())
        except (netaddr.AddrFormatError, ValueError, TypeError):
            self.fail("invalid", example=self.example, value=data)


def family_field() -> ChoiceField:
    return ChoiceField(choices=IPVersionChoices.choices, read_only=True)


class NetworkSerializerBase(BaseModelSerializer):
    """Aggregates and prefixes: `prefix` written and read as CIDR, `family` derived from it."""

    family = family_field()
    prefix = CIDRField(example="10.0.0.0/24")

    def _model_field_names(self) -> set[str]:
        return super()._model_field_names() | {"prefix"}


class NATOutsideField(serializers.Field):
    """The addresses NATed to this one: one or null for API 1.2, a list from 1.3 on."""

    def __init__(self, **kwargs) -> None:
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, ip: IPAddress) -> Any:
        request = self.context.get("request")
        outside = [brief_representation(o, request) for o in ip.nat_outside_list.all()]
        version = getattr(request, "version", None) or "1.2"
        if tuple(int(p) for p in version.split(".")) >= (1, 3):
            return outside
        if len(outside) > 1:
            raise PreconditionFailed(
                f"IP address {ip} has {len(outside)} NAT outside addresses, which API version 1.2 cannot show; "
                "request API version 1.3 or later."
            )
        return outside[0] if outside else None


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "This object cannot be shown in the requested API version."


class AssignedObjectTypeField(serializers.Field):
    """`"dcim.interface"` (or another interface kind) of the assigned interface; null when unassigned."""

    default_error_messages = {"invalid": "IP addresses can be assigned to {choices}; got {value!r}."}

    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, allow_null=True, source="*", **kwargs)

    def to_representation(self, ip: IPAddress) -> str | None:
        return next(
            (label for label, (fk, _) in ASSIGNMENT_FIELDS.items() if getattr(ip, f"{fk}_id") is not None), None
        )

    def validate_empty_values(self, data):
        if data is None:
            return True, {"assigned_object_type": None}
        return super().validate_empty_values(data)

    def to_internal_value(self, data: Any) -> dict:
        label = str(data).lower()
        if label not in ASSIGNMENT_FIELDS:
            self.fail("invalid", choices=", ".join(ASSIGNMENT_FIELDS), value=data)
        return {"assigned_object_type": label}

    def metadata_choices(self) -> list[dict]:
        # Displayed as the original's content type choices: "dcim | interface".
        return [
            {"value": label, "display": content_type_display(ContentType.objects.get_by_natural_key(*label.split(".")))}
            for label in ASSIGNMENT_FIELDS
        ]


class AssignedObjectIdField(serializers.UUIDField):
    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, allow_null=True, source="*", **kwargs)

    def to_representation(self, ip: IPAddress) -> str | None:
        target = next(
            (getattr(ip, f"{fk}_id") for fk, _ in ASSIGNMENT_FIELDS.values() if getattr(ip, f"{fk}_id")), None
        )
        return None if target is None else str(target)

    def to_internal_value(self, data: Any) -> dict:
        return {"assigned_object_id": super().to_internal_value(data)}

    def validate_empty_values(self, data):
        if data is None:
            return True, {"assigned_object_id": None}
        return super().validate_empty_values(data)


class IPAddressSerializerBase(BaseModelSerializer):
    """IP addresses: CIDR `address`, generic interface assignment, versioned `nat_outside`."""

    family = family_field()
    address = CIDRField(example="192.0.2.1/24")
    assigned_object_type = AssignedObjectTypeField()
    assigned_object_id = AssignedObjectIdField()
    assigned_object = serializers.SerializerMethodField(read_only=True)
    nat_outside = NATOutsideField()

    def get_assigned_object(self, ip: IPAddress) -> dict | None:
        target = ip.assigned_object
        if target is None:
            return None
        data = brief_representation(target, self.context.get("request"))
        return data

    def validate(self, attrs: dict) -> dict:
        self._resolve_assignment(attrs)
        return super().validate(attrs)

    def _resolve_assignment(self, attrs: dict) -> None:
        """Turn `assigned_object_type`/`_id` into the matching interface foreign key (and clear the others)."""
        if "assigned_object_type" not in attrs and "assigned_object_id" not in attrs:
            return
        current_type = self.fields["assigned_object_type"].to_representation(self.instance) if self.instance else None
        current_id = self.fields["assigned_object_id"].to_representation(self.instance) if self.instance else None
        label = attrs.pop("assigned_object_type", current_type)
        target_id = attrs.pop("assigned_object_id") if "assigned_object_id" in attrs else current_id
        for fk, _ in ASSIGNMENT_FIELDS.values():
            attrs[fk] = None
        if target_id is None:
            return
        if label is None:
            raise serializers.ValidationError(
                {"assigned_object_type": "Give the type of the assigned object with its id."}
            )
        model = ContentType.objects.get_by_natural_key(*label.split(".")).model_class()
        target = model.objects.filter(pk=target_id).first()
        if target is None:
            raise serializers.ValidationError(
                {"assigned_object_id": f"No {model._meta.verbose_name} with id {target_id} exists."}
            )
        attrs[ASSIGNMENT_FIELDS[label][0]] = target

    def _model_field_names(self) -> set[str]:
        return super()._model_field_names() | {"address"}


# Nautobot 1.x names: `<Model>Serializer` and `Nested<Model>Serializer` of every ipam model, made on first use.
__getattr__ = app_serializers("ipam")
