"""Create payloads of the circuits models (API contract suite)."""

from nautobot.circuits import models as m
from nautobot.circuits.tests import builders as b
from nautobot.core.testing.api import register_case


def _named(prefix: str, **extra) -> dict:
    name = b.unique(prefix)
    return {"name": name, "slug": name, **extra}


register_case(
    m.Provider, lambda: _named("provider", asn=65000, account="acct-1", portal_url="https://portal.example.com")
)
register_case(m.ProviderNetwork, lambda: _named("pn", provider={"slug": b.provider().slug}))
register_case(m.CircuitType, lambda: _named("ct"))
register_case(
    m.Circuit,
    lambda: {
        "cid": b.unique("cid"),
        "provider": str(b.provider().pk),
        "type": {"slug": b.circuit_type().slug},
        "status": "active",
        "commit_rate": 10000,
        "install_date": "2026-01-31",
    },
)
register_case(
    m.CircuitTermination,
    lambda: {
        "circuit": str(b.circuit().pk),
        "term_side": "A",
        "site": str(b.site().pk),
        "port_speed": 100000,
        "xconnect_id": "XC-1",
    },
)
