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
    return prefix.vrf_id is None and prefix.status_id is not None and prefix.status.slug == "container"


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


def available_prefixes(prefix: Prefix) -> netaddr.IPSet:
    """The parts of `prefix` that no child prefix covers."""
    rows = prefix_children(prefix).values_list("network", "prefix_length")
    used = netaddr.IPSet(netaddr.IPNetwork(f"{network}/{length}") for network, length in rows)
    return netaddr.IPSet([prefix.prefix]) - used


def _usable_range(prefix: Prefix) -> netaddr.IPSet:
    """Every address of the prefix, minus network and broadcast of an IPv4 non-pool prefix longer than /31."""
    usable = netaddr.IPSet([prefix.prefix])
    if prefix.family == 4 and prefix.prefix_length < 31 and not prefix.is_pool:
        net = prefix.prefix
        usable.remove(net.network)
        usable.remove(net.broadcast)
    return usable


def available_ips(prefix: Prefix) -> netaddr.IPSet:
    """Usable addresses of `prefix` that no IP address in its VRF takes."""
    taken = netaddr.IPSet(prefix_ip_addresses(prefix).values_list("host", flat=True))
    return _usable_range(prefix) - taken


@dataclass(frozen=True)
class Utilization:
    numerator: int
    denominator: int

    @property
    def percent(self) -> float:
        return 100.0 * self.numerator / self.denominator if self.denominator else 0.0


def prefix_utilization(prefix: Prefix) -> Utilization:
    """A container: the share covered by child prefixes; otherwise the share of usable addresses taken."""
    if prefix.status_id is not None and prefix.status.slug == "container":
        rows = prefix_children(prefix).values_list("network", "prefix_length")
        covered = netaddr.IPSet(netaddr.IPNetwork(f"{network}/{length}") for network, length in rows)
        return Utilization(covered.size, prefix.prefix.size)
    usable = _usable_range(prefix)
    taken = netaddr.IPSet(prefix_ip_addresses(prefix).values_list("host", flat=True)) & usable
    return Utilization(taken.size, usable.size)


def primary_ip_errors(owner, interfaces: QuerySet, assignment: str, noun: str) -> dict:
    """Errors of `owner`'s `primary_ip4`/`primary_ip6` (a device or a VM).

    A primary IP must be of its family and sit on one of `interfaces` (the owner's), itself or through
    the address it is the NAT outside of; `assignment` names the IP's foreign key to that interface kind.
    """
    errors = {}
    for family, name in ((4, "primary_ip4"), (6, "primary_ip6")):
        ip = getattr(owner, name)
        if ip is None:
            continue
        if ip.family != family:
            errors[name] = f"{ip} is not an IPv{family} address."
            continue
        inside = ip.nat_inside if ip.nat_inside_id else None
        candidates = [pk for pk in (getattr(ip, f"{assignment}_id"), getattr(inside, f"{assignment}_id", None)) if pk]
        if not candidates or not interfaces.filter(pk__in=candidates).exists():
            errors[name] = f"The specified IP address ({ip}) is not assigned to this {noun}."
    return errors
