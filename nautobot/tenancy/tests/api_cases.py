"""Create payloads of the tenancy models (API contract suite)."""

from nautobot.tenancy.tests import builders as b
from nautobot.core.testing.api import register_case
from nautobot.tenancy.models import Tenant, TenantGroup


def _named(prefix: str, **extra) -> dict:
    name = b.unique(prefix)
    return {"name": name, "slug": name, **extra}


register_case(TenantGroup, lambda: _named("tg", parent=str(b.tenant_group().pk)))
register_case(Tenant, lambda: _named("tenant", group={"slug": b.tenant_group().slug}, comments="c"))
