"""Model fields of dcim that apps use by their 1.x path (`nautobot.dcim.fields`): AS numbers and MAC addresses."""

from typing import Any

import netaddr
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

# 32-bit AS numbers (RFC 6793); 0 is reserved.
ASN_MIN = 1
ASN_MAX = 4294967295


class ASNField(models.BigIntegerField):
    """A 32-bit autonomous system number (1-4294967295)."""

    description = "32-bit ASN field"
    default_validators = [MinValueValidator(ASN_MIN), MaxValueValidator(ASN_MAX)]

    def formfield(self, **kwargs: Any):
        kwargs.setdefault("min_value", ASN_MIN)
        kwargs.setdefault("max_value", ASN_MAX)
        return super().formfield(**kwargs)


class MACAddressCharField(models.CharField):
    """A MAC address, stored upper-case with colons (`00:1A:2B:3C:4D:5E`) whatever notation it is given in."""

    description = "MAC address"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 18)
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> str | None:
        value = super().to_python(value)
        if not value:
            return value
        try:
            return str(netaddr.EUI(value, dialect=netaddr.mac_unix_expanded)).upper()
        except (netaddr.AddrFormatError, TypeError, ValueError):
            raise ValidationError(f"Invalid MAC address: {value}", code="invalid") from None

    def get_prep_value(self, value: Any) -> str | None:
        return self.to_python(value)


__all__ = ["ASNField", "MACAddressCharField"]
