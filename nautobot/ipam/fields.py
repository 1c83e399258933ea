"""`VarbinaryIPField`: an IP address stored as its raw bytes, so that every database compares it correctly.

An IPv4 value is 4 bytes, an IPv6 value 16, both big-endian, in a `varbinary(16)` column (`bytea` on
PostgreSQL, `blob` on SQLite). All three databases compare binary strings byte by byte (memcmp), so
within one IP version `a < b` in SQL is `a < b` as numbers, and a range test ("inside 10.0.0.0/8") is
two plain indexed comparisons. Values of different versions never need comparing: every query also
filters on the model's `ip_version`.
"""

from typing import Any

import netaddr
from django.core.exceptions import ValidationError
from django.db import models


def ip_to_bytes(value: netaddr.IPAddress) -> bytes:
    """4 bytes for IPv4, 16 for IPv6, big-endian."""
    return value.value.to_bytes(4 if value.version == 4 else 16, "big")


def bytes_to_ip(value: bytes | memoryview) -> netaddr.IPAddress:
    raw = bytes(value)
    return netaddr.IPAddress(int.from_bytes(raw, "big"), version=4 if len(raw) == 4 else 6)


class VarbinaryIPField(models.Field):
    """An IP address (`netaddr.IPAddress` in Python), stored as 4 or 16 raw bytes."""

    description = "IP address stored as fixed-order binary"

    def db_type(self, connection) -> str:
        if connection.vendor == "postgresql":
            return "bytea"
        if connection.vendor == "sqlite":
            return "blob"
        return "varbinary(16)"

    def from_db_value(self, value, expression, connection):
        return None if value is None else bytes_to_ip(value)

    def to_python(self, value: Any) -> netaddr.IPAddress | None:
        if value is None or isinstance(value, netaddr.IPAddress):
            return value
        if isinstance(value, (bytes, memoryview)):
            return bytes_to_ip(value)
        try:
            return netaddr.IPAddress(str(value).split("/")[0])
        except (netaddr.AddrFormatError, ValueError, TypeError):
            raise ValidationError(f"{value!r} is not a valid IP address.") from None

    def get_prep_value(self, value: Any) -> bytes | None:
        value = self.to_python(value)
        return None if value is None else ip_to_bytes(value)

    def value_to_string(self, obj) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else str(value)
