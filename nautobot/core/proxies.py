"""The reverse proxies in front of the web service (`REMOTE_AUTH_TRUSTED_PROXIES`) and the client behind them.

A proxy's headers (the remote-user header, `X-Forwarded-For`) are believed only when the request comes from one of
these addresses; with none configured, the remote-user header is believed from anyone (as 1.x) and the client is the
address the request came from.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def parse_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """The networks of `entries` ("10.0.0.0/8", "127.0.0.1"); raise ValueError naming a wrong entry."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(str(entry).strip(), strict=False))
        except ValueError:
            raise ValueError(
                f"REMOTE_AUTH_TRUSTED_PROXIES: {entry!r} is not an IP address or network (e.g. '10.0.0.0/8')"
            ) from None
    return tuple(networks)


def trusted_networks() -> tuple[Network, ...]:
    """The configured proxies' networks (empty: none configured)."""
    return parse_networks(tuple(getattr(settings, "REMOTE_AUTH_TRUSTED_PROXIES", None) or ()))


def is_trusted(address: str | None, networks: tuple[Network, ...]) -> bool:
    """Whether `address` is in one of `networks`."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or behind configured proxies the last X-Forwarded-For hop not theirs."""
    address = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    networks = trusted_networks()
    if not networks or not is_trusted(address, networks):
        return address
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not is_trusted(hop, networks):
            return hop
    return hops[0] if hops else address
