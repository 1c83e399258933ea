"""Networks as query conditions: parse what clients send and turn it into comparisons on stored bytes.

A network row stores `network` (first address), `broadcast` (last address), `prefix_length` and
`ip_version`; an address row stores `host`, `prefix_length` and `ip_version` (see `fields`). Every
condition here is a conjunction of equality and range tests on those columns, so the same SQL runs,
and uses the same indexes, on PostgreSQL, MySQL/MariaDB and SQLite.
"""

import netaddr
from django.db.models import Q


class NetworkParseError(ValueError):
    """The text is not an IP network or address; the message says what was given."""


def parse_network(value: str) -> netaddr.IPNetwork:
    """`"10.0.0.0/8"` or `"10.1.2.3"` (a host: /32 or /128) → `IPNetwork`; a `NetworkParseError` otherwise."""
    text = str(value).strip()
    try:
        if "/" in text:
            return netaddr.IPNetwork(text)
        return netaddr.IPNetwork(str(netaddr.IPAddress(text)))
    except (netaddr.AddrFormatError, ValueError, TypeError):
        raise NetworkParseError(f"{value!r} is not an IP network or address.") from None


def first(network: netaddr.IPNetwork) -> netaddr.IPAddress:
    return netaddr.IPAddress(network.first, version=network.version)


def last(network: netaddr.IPNetwork) -> netaddr.IPAddress:
    return netaddr.IPAddress(network.last, version=network.version)


def network_equals(network: netaddr.IPNetwork) -> Q:
    """Rows that are exactly `network` (host bits of the input ignored)."""
    return Q(ip_version=network.version, network=first(network), prefix_length=network.prefixlen)


def network_within(network: netaddr.IPNetwork, *, include_self: bool = False) -> Q:
    """Rows strictly inside `network` (or inside or equal with `include_self`)."""
    length = {"prefix_length__gte" if include_self else "prefix_length__gt": network.prefixlen}
    return Q(ip_version=network.version, network__gte=first(network), broadcast__lte=last(network), **length)


def network_contains(network: netaddr.IPNetwork) -> Q:
    """Rows that contain all of `network` (itself included): the rows a host or subnet falls in."""
    return Q(
        ip_version=network.version,
        network__lte=first(network),
        broadcast__gte=last(network),
        prefix_length__lte=network.prefixlen,
    )


def host_within(network: netaddr.IPNetwork) -> Q:
    """Address rows whose host lies in `network`, whatever their own mask."""
    return Q(ip_version=network.version, host__gte=first(network), host__lte=last(network))


def address_equals(text: str) -> Q:
    """`"10.0.0.1/24"`: that host with that mask; `"10.0.0.1"`: that host with any mask."""
    if "/" in str(text):
        try:
            interface = netaddr.IPNetwork(str(text).strip())
        except (netaddr.AddrFormatError, ValueError, TypeError):
            raise NetworkParseError(f"{text!r} is not an IP address.") from None
        return Q(ip_version=interface.version, host=interface.ip, prefix_length=interface.prefixlen)
    host = parse_network(text)
    return Q(ip_version=host.version, host=first(host))
