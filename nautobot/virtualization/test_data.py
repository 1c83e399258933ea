"""Virtualization's part of `nautobot-server generate_test_data`: a cluster per site (its hosts: the site's
servers) and half as many virtual machines as devices, each with one interface."""

from nautobot.extras.statuses.models import Status
from nautobot.virtualization.models import Cluster, ClusterType, VirtualMachine, VMInterface


def generate(dataset) -> None:
    active = Status.objects.using(dataset.using).get(slug="active")
    kind = dataset.bulk(ClusterType, [ClusterType(name="VMware vSphere", slug="vsphere")])[0]
    sites = dataset.made.get("dcim.site", [])
    if not sites:
        return
    clusters = dataset.bulk(
        Cluster, [Cluster(name=f"{s.slug}-cluster", type=kind, site=s, tenant=s.tenant) for s in sites]
    )
    count = max(1, dataset.devices // 2)
    machines = dataset.bulk(
        VirtualMachine,
        [
            VirtualMachine(
                name=f"vm-{n:05}",
                cluster=clusters[n % len(clusters)],
                status=active,
                tenant=clusters[n % len(clusters)].tenant,
                vcpus=dataset.rng.choice((2, 4, 8)),
                memory=dataset.rng.choice((4096, 8192, 16384)),
                disk=dataset.rng.choice((50, 100, 200)),
            )
            for n in range(1, count + 1)
        ],
    )
    dataset.bulk(VMInterface, [VMInterface(virtual_machine=vm, name="eth0", status=active) for vm in machines])
