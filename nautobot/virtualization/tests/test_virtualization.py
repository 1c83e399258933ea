"""Virtualization over the REST API: clusters and their hosts, VMs (site, role, uniqueness), VM interfaces, filters, GraphQL."""

import pytest

from nautobot.virtualization.tests import builders as b
from nautobot.core.testing.api import TokenClient
from nautobot.virtualization.models import VMInterface

pytestmark = pytest.mark.django_db
VMS = "/api/virtualization/virtual-machines/"
INTERFACES = "/api/virtualization/interfaces/"


def test_cluster_counts_hosts_and_virtual_machines(api):
    site = b.site()
    cluster = b.cluster(site=site)
    role, platform = b.device_role(), b.platform()
    b.device(site=site, cluster=cluster)
    for _ in range(2):
        b.virtual_machine(cluster=cluster, role=role, platform=platform)
    body = api.get(f"/api/virtualization/clusters/{cluster.pk}/").json()
    assert body["device_count"] == 1 and body["virtualmachine_count"] == 2
    assert body["site"]["slug"] == site.slug and body["type"]["slug"] == cluster.type.slug
    assert api.get(f"/api/dcim/device-roles/{role.pk}/").json()["virtualmachine_count"] == 2
    assert api.get(f"/api/dcim/platforms/{platform.pk}/").json()["virtualmachine_count"] == 2
    assert api.get(f"/api/virtualization/cluster-types/{cluster.type.pk}/").json()["cluster_count"] == 1


def test_device_cluster_must_be_at_the_device_site(api):
    cluster = b.cluster(site=b.site())
    device = b.device()
    refused = api.patch(f"/api/dcim/devices/{device.pk}/", {"cluster": str(cluster.pk)})
    assert refused.status_code == 400 and "different site" in refused.json()["cluster"][0]
    here = b.device(site=cluster.site)
    accepted = api.patch(f"/api/dcim/devices/{here.pk}/", {"cluster": {"name": cluster.name}})
    assert accepted.status_code == 200 and accepted.json()["cluster"]["id"] == str(cluster.pk)
    assert [d["id"] for d in api.get("/api/dcim/devices/", cluster_id=str(cluster.pk)).json()["results"]] == [
        str(here.pk)
    ]
    moved = api.patch(f"/api/virtualization/clusters/{cluster.pk}/", {"site": str(b.site().pk)})
    assert moved.status_code == 400 and "site" in moved.json()


def test_virtual_machine_site_role_and_unique_name(api):
    cluster = b.cluster(site=b.site())
    created = api.post(
        VMS, {"name": "web1", "cluster": str(cluster.pk), "status": "active", "vcpus": 2, "memory": 2048}
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["site"]["id"] == str(cluster.site_id) and body["cluster"]["name"] == cluster.name
    assert body["status"] == {"value": "active", "label": "Active"} and body["local_context_data"] is None
    duplicate = api.post(VMS, {"name": "web1", "cluster": str(cluster.pk), "status": "active"})
    assert duplicate.status_code == 400 and "already exists" in str(duplicate.json())
    tenant_copy = api.post(
        VMS, {"name": "web1", "cluster": str(cluster.pk), "status": "active", "tenant": str(b.tenant().pk)}
    )
    assert tenant_copy.status_code == 201
    not_vm_role = b.device_role(vm_role=False)
    refused = api.patch(body["url"], {"role": str(not_vm_role.pk)})
    assert refused.status_code == 400 and "not a VM role" in refused.json()["role"][0]
    bad_status = api.post(VMS, {"name": "web2", "cluster": str(cluster.pk), "status": "connected"})
    assert bad_status.status_code == 400 and "status" in bad_status.json()
    homeless = api.post(VMS, {"name": "web3", "cluster": str(b.cluster().pk), "status": "active"}).json()
    assert homeless["site"] is None


def test_vm_interfaces_versions_and_validation(api):
    vm = b.virtual_machine()
    old = api.post(INTERFACES, {"virtual_machine": str(vm.pk), "name": "eth0", "mac_address": "00-11-22-aa-bb-cc"})
    assert old.status_code == 201, old.content
    assert "status" not in old.json() and old.json()["mac_address"] == "00:11:22:AA:BB:CC"
    assert VMInterface.objects.get(pk=old.json()["id"]).status.slug == "active"
    modern = TokenClient(api.headers["HTTP_AUTHORIZATION"].split()[1], version="1.4")
    missing = modern.post(INTERFACES, {"virtual_machine": str(vm.pk), "name": "eth1"})
    assert missing.status_code == 400 and "status" in missing.json()
    made = modern.post(
        INTERFACES,
        {"virtual_machine": str(vm.pk), "name": "eth1", "status": "planned", "parent_interface": old.json()["id"]},
    )
    assert made.status_code == 201 and made.json()["status"]["value"] == "planned"
    assert made.json()["parent_interface"]["name"] == "eth0"
    foreign = b.vm_interface()
    refused = api.patch(made.json()["url"], {"bridge": str(foreign.pk)})
    assert refused.status_code == 400 and "different virtual machine" in refused.json()["bridge"][0]
    brief = api.get(made.json()["url"], brief=1).json()
    assert (
        set(brief) == {"id", "display", "url", "virtual_machine", "name"}
        and brief["virtual_machine"]["name"] == vm.name
    )
    assert [i["name"] for i in api.get(INTERFACES, virtual_machine_id=str(vm.pk)).json()["results"]] == ["eth0", "eth1"]


def test_virtual_machine_filters(api):
    site = b.site()
    group = b.cluster_group()
    vm = b.virtual_machine(cluster=b.cluster(site=site, group=group))
    b.virtual_machine()
    for mac in ("00:00:00:00:00:01", "00:00:00:00:00:02"):
        b.vm_interface(virtual_machine=vm, mac_address=mac)
    for params in (
        {"site": site.slug},
        {"cluster_group": group.slug},
        {"mac_address__isw": "00:00:00"},
        {"q": vm.name},
    ):
        response = api.get(VMS, **params)
        assert response.status_code == 200, response.content
        assert [v["id"] for v in response.json()["results"]] == [str(vm.pk)], params


def test_graphql_virtual_machines_and_cluster_hosts(api):
    site = b.site()
    cluster = b.cluster(site=site)
    host = b.device(site=site, cluster=cluster)
    vm = b.virtual_machine(cluster=cluster)
    b.vm_interface(virtual_machine=vm, name="eth0")
    query = (
        f'{{ virtual_machines(cluster_id: ["{cluster.pk}"]) {{ name cluster {{ name devices {{ name }} }} '
        "interfaces { name } } }"
    )
    response = api.post("/api/graphql/", {"query": query})
    assert response.status_code == 200, response.content
    assert response.json() == {
        "data": {
            "virtual_machines": [
                {
                    "name": vm.name,
                    "cluster": {"name": cluster.name, "devices": [{"name": host.name}]},
                    "interfaces": [{"name": "eth0"}],
                },
            ]
        }
    }
    single = api.post("/api/graphql/", {"query": f'{{ vm_interfaces(virtual_machine: ["{vm.name}"]) {{ name }} }}'})
    assert single.json() == {"data": {"vm_interfaces": [{"name": "eth0"}]}}


def test_config_contexts_scoped_to_clusters_reach_their_vms_and_hosts(api):
    group = b.cluster_group()
    site = b.site()
    cluster = b.cluster(group=group, site=site)
    vm = b.virtual_machine(cluster=cluster, local_context_data={"dns": "local"})
    host = b.device(site=site, cluster=cluster)
    b.virtual_machine()  # another cluster: no context
    created = api.post(
        "/api/extras/config-contexts/",
        {
            "name": "by-group",
            "weight": 100,
            "data": {"dns": "group", "ntp": "group"},
            "cluster_groups": [str(group.pk)],
        },
    )
    assert created.status_code == 201, created.content
    assert [g["id"] for g in created.json()["cluster_groups"]] == [str(group.pk)]
    by_cluster = api.post(
        "/api/extras/config-contexts/",
        {
            "name": "by-cluster",
            "weight": 200,
            "data": {"ntp": "cluster", "syslog": "cluster"},
            "clusters": [str(cluster.pk)],
        },
    )
    assert by_cluster.status_code == 201, by_cluster.content
    body = api.get(f"{VMS}{vm.pk}/").json()
    assert body["config_context"] == {"dns": "local", "ntp": "cluster", "syslog": "cluster"}
    assert body["local_context_data"] == {"dns": "local"} and body["local_context_schema"] is None
    assert "config_context" not in api.get(f"{VMS}{vm.pk}/", exclude="config_context").json()
    assert api.get(f"/api/dcim/devices/{host.pk}/").json()["config_context"] == {
        "dns": "group",
        "ntp": "cluster",
        "syslog": "cluster",
    }
    others = api.get(VMS, cluster_id__n=str(cluster.pk)).json()["results"]
    assert [o["config_context"] for o in others] == [{}]
    assert [v["id"] for v in api.get(VMS, local_context_data="true").json()["results"]] == [str(vm.pk)]
    assert api.get("/api/extras/config-contexts/", cluster_group=group.slug).json()["count"] == 1
