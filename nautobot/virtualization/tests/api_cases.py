"""Create payloads of the virtualization models (API contract suite)."""

from nautobot.virtualization.tests import builders as b
from nautobot.core.testing.api import register_case
from nautobot.virtualization import models as m


def _named(prefix: str, **extra) -> dict:
    name = b.unique(prefix)
    return {"name": name, "slug": name, **extra}


register_case(m.ClusterType, lambda: _named("cluster-type"))
register_case(m.ClusterGroup, lambda: _named("cluster-group"))
register_case(
    m.Cluster,
    lambda: {
        "name": b.unique("cluster"),
        "type": {"slug": b.cluster_type().slug},
        "group": str(b.cluster_group().pk),
        "site": str(b.site().pk),
        "comments": "c",
    },
)
register_case(
    m.VirtualMachine,
    lambda: {
        "name": b.unique("vm"),
        "cluster": str(b.cluster().pk),
        "status": "active",
        "role": str(b.device_role().pk),
        "vcpus": 4,
        "memory": 8192,
        "disk": 100,
        "local_context_data": {"ntp": ["10.0.0.1"]},
    },
)
register_case(
    m.VMInterface,
    lambda: {
        "virtual_machine": str(b.virtual_machine().pk),
        "name": b.unique("eth"),
        "mtu": 1500,
        "mac_address": "00:11:22:aa:bb:cc",
        "mode": "access",
    },
)
