"""ORM builders for IPAM test data: each call makes a new, valid object with unique names and networks."""

import itertools

from nautobot.extras.tests import builders as b
from nautobot.ipam import models as m

_networks = itertools.count(1)


def unique_network(length: int = 24) -> str:
    """A fresh IPv4 network in 10.0.0.0/8 (distinct /24s, or a /30 inside one)."""
    n = next(_networks)
    base = f"10.{(n // 256) % 256}.{n % 256}.0"
    return f"{base}/{length}"


def unique_host(length: int = 24) -> str:
    """A fresh IPv4 host address with mask, e.g. `10.0.7.1/24`."""
    return unique_network(24).replace(".0/24", f".1/{length}")


def unique_ipv6_network(length: int = 48) -> str:
    return f"2001:db8:{next(_networks):x}::/{length}"


def rir(**kw) -> m.RIR:
    name = b.unique("rir")
    return m.RIR.objects.create(name=name, slug=name, **kw)


def role(**kw) -> m.Role:
    name = b.unique("ipam-role")
    return m.Role.objects.create(name=name, slug=name, **kw)


def route_target(**kw) -> m.RouteTarget:
    return m.RouteTarget.objects.create(name=b.unique("65000:"), **kw)


def vrf(**kw) -> m.VRF:
    kw.setdefault("rd", b.unique("65000:"))
    return m.VRF.objects.create(name=b.unique("vrf"), **kw)


def prefix(prefix: str | None = None, **kw) -> m.Prefix:
    kw.setdefault("status", b.status("active"))
    return m.Prefix.objects.create(prefix=prefix or unique_network(), **kw)


def ip_address(address: str, **kw) -> m.IPAddress:
    kw.setdefault("status", b.status("active"))
    return m.IPAddress.objects.create(address=address, **kw)


def vlan_group(**kw) -> m.VLANGroup:
    name = b.unique("vlan-group")
    return m.VLANGroup.objects.create(name=name, slug=name, **kw)


_vids = itertools.count(1)


def vlan(**kw) -> m.VLAN:
    kw.setdefault("status", b.status("active"))
    kw.setdefault("vid", next(_vids) % 4094 + 1)
    return m.VLAN.objects.create(name=b.unique("vlan"), **kw)
