"""Tenancy's part of `nautobot-server generate_test_data`: tenant groups and tenants (one per 20 devices)."""

from nautobot.tenancy.models import Tenant, TenantGroup

SECTORS = ("Enterprise", "Government", "Education", "Healthcare", "Retail")


def generate(dataset) -> None:
    groups = dataset.bulk(TenantGroup, [TenantGroup(name=s, slug=s.lower()) for s in SECTORS])
    count = max(2, dataset.devices // 20)
    dataset.bulk(
        Tenant,
        [
            Tenant(name=f"Tenant {i:04}", slug=f"tenant-{i:04}", group=dataset.rng.choice(groups))
            for i in range(1, count + 1)
        ],
    )
