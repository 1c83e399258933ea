"""Filters the original 1.x has beyond a model's own fields: reverse relations (`devices=`, `has_devices=`),
tenant group and region wherever tenant and site filter, and the per-model extras (device `model`, `mac_address`,
`is_virtual_chassis_member`...). `scripts/compare_filters.py` lists what is still missing."""

import pytest

from nautobot.core.tests import builders as b
from nautobot.core.testing.api import TokenClient
from nautobot.ipam.tests import builders as ib
from nautobot.users.models import Token

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(django_user_model):
    user = django_user_model.objects.create_superuser("filters-admin", "f@example.com", "pw")
    return TokenClient(Token.objects.create(user=user).key)


def ids(api, url: str, **params) -> set[str]:
    response = api.get(url, limit=0, **params)
    assert response.status_code == 200, (url, params, response.content)
    return {r["id"] for r in response.json()["results"]}


def pks(*objects) -> set[str]:
    return {str(o.pk) for o in objects}


SITES, DEVICES, RACKS = "/api/dcim/sites/", "/api/dcim/devices/", "/api/dcim/racks/"


def test_reverse_relation_filters(api):
    busy, idle = b.site(), b.site()
    device = b.device(site=busy, name="rev-device")
    b.interface(device=device, name="eth0")
    b.console_port(device=device, name="con0")
    scope = {"id": [str(busy.pk), str(idle.pk)]}
    assert ids(api, SITES, **scope, has_devices=True) == pks(busy)
    assert ids(api, SITES, **scope, has_devices="false") == pks(idle)
    assert ids(api, SITES, **scope, devices="rev-device") == pks(busy) == ids(api, SITES, **scope, devices=device.pk)
    assert ids(api, SITES, **scope, devices__n="rev-device") == pks(idle)
    assert api.get(SITES, devices="no-such-device").status_code == 400
    # The original's names: words separated (`console_ports` for `consoleports`), accessors kept (`instances`).
    bare = b.device(site=idle)
    assert ids(api, DEVICES, site_id=[busy.pk, idle.pk], has_console_ports=True) == pks(device)
    assert ids(api, DEVICES, site_id=[busy.pk, idle.pk], has_interfaces=False) == pks(bare)
    # The original's older spellings on devices are booleans too (`interfaces=true`), not names.
    assert ids(api, DEVICES, site_id=[busy.pk, idle.pk], interfaces=True) == pks(device)
    assert ids(api, DEVICES, site_id=[busy.pk, idle.pk], console_ports=False) == pks(bare)
    assert ids(
        api, "/api/dcim/device-types/", id=[device.device_type.pk, bare.device_type.pk], has_instances=True
    ) == pks(device.device_type, bare.device_type)
    parent = b.region()
    child = b.region(parent=parent)
    assert ids(api, "/api/dcim/regions/", id=[parent.pk, child.pk], has_children=True) == pks(parent)
    assert ids(api, "/api/dcim/regions/", children=child.slug) == pks(parent)
    rear = b.rear_port_template()
    assert ids(api, "/api/dcim/rear-port-templates/", id=rear.pk, has_front_port_templates=False) == pks(rear)
    rack = b.rack(site=busy)
    from nautobot.dcim.models import RackReservation

    RackReservation.objects.create(rack=rack, units=[1], user=b.user(), description="held")
    assert ids(api, RACKS, site_id=busy.pk, has_reservations=True) == pks(rack)


def test_tenant_group_and_region_follow_tenant_and_site(api):
    group = b.tenant_group()
    tenant = b.tenant(group=group)
    region = b.region()
    site = b.site(region=region)
    rack = b.rack(site=site, tenant=tenant)
    other_rack = b.rack()
    assert ids(api, RACKS, tenant_group=group.slug) == pks(rack) == ids(api, RACKS, tenant_group_id=group.pk)
    assert ids(api, RACKS, region=region.slug) == pks(rack) == ids(api, RACKS, region_id=region.pk)
    assert str(other_rack.pk) in ids(api, RACKS, region__n=region.slug)
    assert api.get(RACKS, tenant_group="nope").status_code == 400
    device = b.device(site=site, tenant=tenant)
    assert ids(api, DEVICES, tenant_group=group.slug) == pks(device)
    location = b.location(site=site, tenant=tenant)
    assert ids(api, "/api/dcim/locations/", tenant_group=group.slug) == pks(location)
    reservation_rack_group = b.rack_group(site=site)
    assert ids(api, "/api/dcim/rack-groups/", region=region.slug) == pks(reservation_rack_group)
    panel = b.power_panel(site=site)
    feed = b.power_feed(power_panel=panel)
    assert ids(api, "/api/dcim/power-feeds/", region=region.slug) == pks(feed)
    termination = b.circuit_termination(site=site)
    assert ids(api, "/api/circuits/circuit-terminations/", region=region.slug) == pks(termination)


def test_device_filters_of_the_original(api):
    from nautobot.dcim.models import VirtualChassis

    full = b.device_type(is_full_depth=True)
    half = b.device_type(is_full_depth=False)
    a, c = b.device(device_type=full), b.device(device_type=half)
    scope = {"id": [str(a.pk), str(c.pk)]}
    assert ids(api, DEVICES, model=full.slug) == pks(a) == ids(api, DEVICES, model=full.pk)
    assert ids(api, DEVICES, **scope, model__n=full.slug) == pks(c)
    assert ids(api, DEVICES, **scope, is_full_depth=True) == pks(a)
    b.interface(device=a, name="eth0", mac_address="00:11:22:AA:BB:CC")
    assert ids(api, DEVICES, mac_address="00:11:22:AA:BB:CC") == pks(a)
    chassis = VirtualChassis.objects.create(name=b.unique("vc"), master=a)
    a.virtual_chassis, a.vc_position = chassis, 1
    a.save()
    assert ids(api, DEVICES, **scope, is_virtual_chassis_member=True) == pks(a)
    assert (
        ids(api, DEVICES, **scope, is_virtual_chassis_member=False)
        == pks(c)
        == ids(api, DEVICES, **scope, virtual_chassis_member=False)
    )
    # Text lookups on ids, as the original's.
    assert ids(api, DEVICES, **scope, id__isw=str(a.pk)[:8]) == pks(a)
    assert ids(api, DEVICES, **scope, id__nie=str(a.pk).upper()) == pks(c)
    b.front_port(device=c)
    assert ids(api, DEVICES, **scope, pass_through_ports=True) == pks(c)
    # Virtual chassis by its master's site and tenant (and so region), and by members.
    vcs = "/api/dcim/virtual-chassis/"
    assert ids(api, vcs, site=a.site.slug) == pks(chassis) == ids(api, vcs, site_id=a.site.pk)
    assert ids(api, vcs, id=chassis.pk, has_members=True) == pks(chassis)
    assert ids(api, vcs, members=a.name) == pks(chassis)
    tenant = b.tenant()
    a.tenant = tenant
    a.save()
    assert ids(api, vcs, tenant=tenant.slug) == pks(chassis)
    # Device types by the templates they have, under the original's names.
    b.rear_port_template(device_type=half)
    from nautobot.dcim.models import InterfaceTemplate

    InterfaceTemplate.objects.create(device_type=full, name="eth0", type="1000base-t")
    types = "/api/dcim/device-types/"
    assert ids(api, types, id=[full.pk, half.pk], interfaces=True) == pks(full)
    assert ids(api, types, id=[full.pk, half.pk], has_interface_templates=False) == pks(half)


def test_content_type_filters(api):
    from nautobot.extras.models import Status, Tag

    tag = Tag.objects.create(name="ct-tag", slug="ct-tag")
    tag.content_types.set([b.content_type("dcim.device")])
    Tag.objects.create(name="ct-other", slug="ct-other").content_types.set([b.content_type("dcim.site")])
    assert ids(api, "/api/extras/tags/", content_types="dcim.device") == pks(tag)
    assert ids(api, "/api/extras/tags/", content_types="DCIM.Device") == pks(tag)
    location_type = b.location_type()
    location_type.content_types.set([b.content_type("dcim.rack")])
    assert ids(api, "/api/dcim/location-types/", content_types="dcim.rack") == pks(location_type)
    with_racks = b.location(location_type=location_type)
    assert ids(api, "/api/dcim/locations/", content_type="dcim.rack") == pks(with_racks)
    # Statuses by the models they apply to (`app_label.model`).
    device_statuses = {
        str(pk) for pk in Status.objects.filter(content_types__model="device").values_list("pk", flat=True)
    }
    assert device_statuses and ids(api, "/api/extras/statuses/", content_types="dcim.device") == device_statuses


def test_vlan_search_matches_the_vid(api):
    group = ib.vlan_group()
    wanted = ib.vlan(vid=123, group=group)
    ib.vlan(vid=1234, group=group)
    assert ids(api, "/api/ipam/vlans/", group_id=group.pk, q="123") == pks(wanted)
    assert ids(api, "/api/ipam/vlans/", q=wanted.name) == pks(wanted)


def test_cable_region_and_tenant(api):
    region, tenant = b.region(), b.tenant()
    near = b.device(site=b.site(region=region), tenant=tenant)
    cable = b.cable(b.interface(device=near), b.interface())
    b.cable(b.interface(), b.interface())
    assert (
        ids(api, "/api/dcim/cables/", region=region.slug)
        == pks(cable)
        == ids(api, "/api/dcim/cables/", region_id=region.pk)
    )
    assert (
        ids(api, "/api/dcim/cables/", tenant=tenant.slug)
        == pks(cable)
        == ids(api, "/api/dcim/cables/", tenant_id=tenant.pk)
    )


def test_field_filters_of_the_original(api, django_user_model):
    from nautobot.dcim.models import PowerOutletTemplate, PowerPortTemplate, RackReservation
    from nautobot.extras.models import ComputedField, Note
    from nautobot.users.models import ObjectPermission

    site = b.site(comments="has a generator", physical_address="1 Main St")
    assert ids(api, SITES, comments__ic="GENERATOR") == pks(site) == ids(api, SITES, physical_address="1 Main St")
    rack = b.rack(site=site, group=b.rack_group(site=site), comments="cold aisle")
    assert ids(api, RACKS, comments="cold aisle") == pks(rack)
    reservation = RackReservation.objects.create(rack=rack, units=[2], user=b.user(), description="r")
    assert ids(api, "/api/dcim/rack-reservations/", group=rack.group.slug) == pks(reservation)
    port = b.power_port(maximum_draw=500, allocated_draw=250)
    assert ids(api, "/api/dcim/power-ports/", maximum_draw__gte=400, allocated_draw=250) == pks(port)
    device_type = b.device_type()
    pp_template = PowerPortTemplate.objects.create(
        device_type=device_type, name="psu0", type="iec-60320-c14", maximum_draw=100
    )
    outlet = PowerOutletTemplate.objects.create(
        device_type=device_type, name="out0", type="iec-60320-c13", power_port=pp_template
    )
    assert ids(api, "/api/dcim/power-outlet-templates/", power_port_template="psu0") == pks(outlet)
    assert ids(api, "/api/dcim/power-port-templates/", maximum_draw=100, has_power_outlet_templates=True) == pks(
        pp_template
    )
    parent_item = b.component("InventoryItem", name="chassis")
    b.component("InventoryItem", device=parent_item.device, name="card", parent=parent_item)
    assert ids(api, "/api/dcim/inventory-items/", device_id=parent_item.device.pk, has_child_items=True) == pks(
        parent_item
    )
    assert ids(api, "/api/dcim/inventory-items/", child_items="card") == pks(parent_item)
    vm = b.virtual_machine(comments="batch box")
    address = ib.ip_address("10.77.0.5/24", vminterface=b.vm_interface(virtual_machine=vm))
    vm.primary_ip4 = address
    vm.save()
    vms = "/api/virtualization/virtual-machines/"
    assert ids(api, vms, primary_ip4=address.pk) == pks(vm) == ids(api, vms, comments="batch box")
    assert ids(api, vms, primary_ip4="10.77.0.5") == pks(vm) == ids(api, vms, primary_ip4="10.77.0.5/24")
    assert ids(api, vms, primary_ip4=["10.77.0.6", "00000000-0000-0000-0000-0000000000ff"]) == set()
    assert api.get(vms, primary_ip4="not-an-address").status_code == 400
    assert ids(api, vms, id=vm.pk, has_interfaces=True) == pks(vm)
    assert ids(api, "/api/virtualization/clusters/", id=vm.cluster.pk, has_virtual_machines=True) == pks(vm.cluster)
    computed = ComputedField.objects.create(
        content_type=b.content_type("dcim.site"),
        slug="cf-x",
        label="X",
        template="{{ obj.name }}",
        fallback_value="none",
    )
    assert ids(api, "/api/extras/computed-fields/", template="{{ obj.name }}", fallback_value="none") == pks(computed)
    site_type = b.content_type("dcim.site")
    note = Note.objects.create(assigned_object_type=site_type, assigned_object_id=site.pk, note="n", user_name="x")
    assert ids(api, "/api/extras/notes/", assigned_object_type_id=site_type.pk) == pks(note)
    holder = django_user_model.objects.create_user("perm-holder", password="pw")
    permission = ObjectPermission.objects.create(name="p", actions=["view"])
    permission.users.set([holder])
    assert ids(api, "/api/users/permissions/", user=holder.username) == pks(permission)
    assert ids(api, "/api/users/permissions/", user_id=holder.pk) == pks(permission)


def test_tree_filters_include_descendants(api):
    europe = b.region()
    france = b.region(parent=europe)
    paris = b.region(parent=france)
    site_in_paris, site_in_europe, elsewhere = b.site(region=paris), b.site(region=europe), b.site()
    scope = {"id": [str(site_in_paris.pk), str(site_in_europe.pk), str(elsewhere.pk)]}
    # A region names itself and every region below it, as the original's tree filters.
    assert ids(api, SITES, **scope, region=europe.slug) == pks(site_in_paris, site_in_europe)
    assert ids(api, SITES, **scope, region_id=france.pk) == pks(site_in_paris)
    assert ids(api, SITES, **scope, region__n=france.slug) == pks(site_in_europe, elsewhere)
    assert ids(api, SITES, **scope, region=[paris.slug, "null"]) == pks(site_in_paris, elsewhere)
    device = b.device(site=site_in_paris)
    assert ids(api, DEVICES, region=europe.slug) == pks(device)
    # A tree model's own `parent` stays the direct parent.
    assert ids(api, "/api/dcim/regions/", parent=europe.slug) == pks(france)
    top_group = b.tenant_group()
    tenant = b.tenant(group=b.tenant_group(parent=top_group))
    assert ids(api, "/api/tenancy/tenants/", group=top_group.slug) == pks(tenant)
    rack = b.rack(tenant=tenant)
    assert ids(api, RACKS, tenant_group=top_group.slug) == pks(rack)
    rack_site = b.site()
    outer = b.rack_group(site=rack_site)
    inner_rack = b.rack(site=rack_site, group=b.rack_group(site=rack_site, parent=outer))
    assert ids(api, RACKS, group=outer.slug) == pks(inner_rack) == ids(api, RACKS, group_id=outer.pk)
    assert api.get(SITES, region="atlantis").status_code == 400
