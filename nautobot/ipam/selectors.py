"""IPAM reads computed from the data: a prefix's parents, children, addresses, free space and utilization.

A child belongs to the same VRF as its parent, except that a global container prefix (no VRF, status
`container`) spans every VRF, as in the original.
"""

from dataclasses import dataclass

import netaddr
from django.db.models import QuerySet

from nautobot.ipam.models import IPAddress, Prefix
from nautobot.ipam.networks import host_within, network_contains, network_within


def _spans_all_vrfs(prefix: Prefix) -> bool:
    return prefix.vrf_id is None and is_container(prefix)


def prefix_children(prefix: Prefix) -> QuerySet:
    """Prefixes strictly inside `prefix` (same VRF, or any VRF under a global container)."""
    children = Prefix.objects.filter(network_within(prefix.prefix))
    return children if _spans_all_vrfs(prefix) else children.filter(vrf=prefix.vrf_id)


def prefix_parents(prefix: Prefix) -> QuerySet:
    """Prefixes strictly containing `prefix` in its VRF (or global containers), largest first."""
    containing = Prefix.objects.filter(network_contains(prefix.prefix), prefix_length__lt=prefix.prefix_length)
    scope = containing.filter(vrf=prefix.vrf_id)
    if prefix.vrf_id is not None:
        scope = scope | containing.filter(vrf__isnull=True, status__slug="container")
    return scope.order_by("prefix_length")


def prefix_depth(prefix: Prefix) -> int:
    return prefix_parents(prefix).count()


def prefix_ip_addresses(prefix: Prefix) -> QuerySet:
    """Addresses whose host lies in `prefix` (same VRF, or any VRF under a global container)."""
    addresses = IPAddress.objects.filter(host_within(prefix.prefix))
    return addresses if _spans_all_vrfs(prefix) else addresses.filter(vrf=prefix.vrf_id)


def _covered(children) -> netaddr.IPSet:
    return netaddr.IPSet(netaddr.IPNetwork(f"{c.network}/{c.prefix_length}") for c in children)


def _child_rows(prefix: Prefix, children):
    """`children` as given (already loaded by the caller), else the network columns of `prefix_children`."""
    if children is not None:
        return children
    return [
        Prefix(network=n, prefix_length=length)
        for n, length in prefix_children(prefix).values_list("network", "prefix_length")
    ]


def _hosts(prefix: Prefix, addresses) -> netaddr.IPSet:
    if addresses is not None:
        return netaddr.IPSet(a.host for a in addresses)
    return netaddr.IPSet(prefix_ip_addresses(prefix).values_list("host", flat=True))


def available_prefixes(prefix: Prefix, children=None) -> netaddr.IPSet:
    """The parts of `prefix` that no child prefix covers.

    `children`: the prefixes of `prefix_children(prefix)` when the caller has loaded them already (no query).
    """
    return netaddr.IPSet([prefix.prefix]) - _covered(_child_rows(prefix, children))


def _usable_range(prefix: Prefix) -> netaddr.IPSet:
    """Every address of the prefix, minus network and broadcast of an IPv4 non-pool prefix longer than /31."""
    usable = netaddr.IPSet([prefix.prefix])
    if prefix.family == 4 and prefix.prefix_length < 31 and not prefix.is_pool:
        net = prefix.prefix
        usable.remove(net.network)
        usable.remove(net.broadcast)
    return usable


def available_ips(prefix: Prefix, addresses=None) -> netaddr.IPSet:
    """Usable addresses of `prefix` that no IP address in its VRF takes.

    `addresses`: the rows of `prefix_ip_addresses(prefix)` when the caller has loaded them already (no query).
    """
    return _usable_range(prefix) - _hosts(prefix, addresses)


@dataclass(frozen=True)
class Utilization:
    numerator: int
    denominator: int

    @property
    def percent(self) -> float:
        return 100.0 * self.numerator / self.denominator if self.denominator else 0.0


def is_container(prefix: Prefix) -> bool:
    return prefix.status_id is not None and prefix.status.slug == "container"


def prefix_utilization(prefix: Prefix, children=None, addresses=None) -> Utilization:
    """A container: the share covered by child prefixes; otherwise the share of usable addresses taken.

    `children` / `addresses`: what `prefix_children` / `prefix_ip_addresses` return, when already loaded.
    """
    if is_container(prefix):
        return Utilization(_covered(_child_rows(prefix, children)).size, prefix.prefix.size)
    usable = _usable_range(prefix)
    return Utilization((_hosts(prefix, addresses) & usable).size, usable.size)


def aggregate_prefixes(aggregate) -> QuerySet:
    """Prefixes inside `aggregate` or equal to it, in every VRF."""
    return Prefix.objects.filter(network_within(aggregate.prefix, include_self=True))


def aggregate_available_prefixes(aggregate) -> netaddr.IPSet:
    """The parts of `aggregate` that none of its prefixes covers."""
    rows = aggregate_prefixes(aggregate).values_list("network", "prefix_length")
    return netaddr.IPSet([aggregate.prefix]) - _covered(Prefix(network=n, prefix_length=length) for n, length in rows)


def aggregate_utilization(aggregate, prefixes=None) -> Utilization:
    """The share of `aggregate` its prefixes cover (`prefixes`: those of `aggregate_prefixes`, when loaded)."""
    rows = (
        prefixes
        if prefixes is not None
        else [
            Prefix(network=n, prefix_length=length)
            for n, length in aggregate_prefixes(aggregate).values_list("network", "prefix_length")
        ]
    )
    return Utilization(_covered(rows).size, aggregate.prefix.size)
