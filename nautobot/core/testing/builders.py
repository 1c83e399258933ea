"""Small ORM builders for test data: each call makes a new, valid object with unique names."""

import itertools

from django.contrib.contenttypes.models import ContentType

_counter = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}-{next(_counter)}"


def status(slug: str = "active"):
    from nautobot.extras.models import Status

    return Status.objects.get(slug=slug)


def tenant_group(**kw):
    from nautobot.tenancy.models import TenantGroup

    name = unique("tenant-group")
    return TenantGroup.objects.create(name=name, slug=name, **kw)


def tenant(**kw):
    from nautobot.tenancy.models import Tenant

    name = unique("tenant")
    return Tenant.objects.create(name=name, slug=name, **kw)


def region(**kw):
    from nautobot.dcim.models import Region

    name = unique("region")
    return Region.objects.create(name=name, slug=name, **kw)


def site(**kw):
    from nautobot.dcim.models import Site

    name = unique("site")
    return Site.objects.create(name=name, slug=name, status=status(), **kw)


def location_type(**kw):
    from nautobot.dcim.models import LocationType

    name = unique("location-type")
    return LocationType.objects.create(name=name, slug=name, **kw)


def location(**kw):
    from nautobot.dcim.models import Location

    name = unique("location")
    kw.setdefault("location_type", location_type())
    kw.setdefault("site", site())
    return Location.objects.create(name=name, slug=name, status=status(), **kw)


def rack_group(**kw):
    from nautobot.dcim.models import RackGroup

    name = unique("rack-group")
    kw.setdefault("site", site())
    return RackGroup.objects.create(name=name, slug=name, **kw)


def rack_role(**kw):
    from nautobot.dcim.models import RackRole

    name = unique("rack-role")
    return RackRole.objects.create(name=name, slug=name, **kw)


def rack(**kw):
    from nautobot.dcim.models import Rack

    kw.setdefault("site", site())
    return Rack.objects.create(name=unique("rack"), status=status(), **kw)


def manufacturer(**kw):
    from nautobot.dcim.models import Manufacturer

    name = unique("manufacturer")
    return Manufacturer.objects.create(name=name, slug=name, **kw)


def device_type(**kw):
    from nautobot.dcim.models import DeviceType

    name = unique("model")
    kw.setdefault("manufacturer", manufacturer())
    return DeviceType.objects.create(model=name, slug=name, **kw)


def device_role(**kw):
    from nautobot.dcim.models import DeviceRole

    name = unique("role")
    return DeviceRole.objects.create(name=name, slug=name, **kw)


def platform(**kw):
    from nautobot.dcim.models import Platform

    name = unique("platform")
    return Platform.objects.create(name=name, slug=name, **kw)


def device(**kw):
    from nautobot.dcim.models import Device

    kw.setdefault("device_type", device_type())
    kw.setdefault("device_role", device_role())
    kw.setdefault("site", site())
    kw.setdefault("name", unique("device"))
    return Device.objects.create(status=status(), **kw)


def rear_port(**kw):
    from nautobot.dcim.models import RearPort

    kw.setdefault("device", device())
    return RearPort.objects.create(name=unique("rear"), type="8p8c", positions=4, **kw)


def rear_port_template(**kw):
    from nautobot.dcim.models import RearPortTemplate

    kw.setdefault("device_type", device_type())
    return RearPortTemplate.objects.create(name=unique("rear"), type="8p8c", positions=4, **kw)


def user(**kw):
    from nautobot.users.models import User

    return User.objects.create_user(username=unique("user"), password="pw", **kw)


def tag(**kw):
    from nautobot.extras.models import Tag

    name = unique("tag")
    return Tag.objects.create(name=name, slug=name, **kw)


def content_type(label: str) -> ContentType:
    app_label, model = label.split(".")
    return ContentType.objects.get(app_label=app_label, model=model)


def custom_field(model_label: str, **kw):
    from nautobot.extras.models import CustomField

    field = CustomField.objects.create(name=kw.pop("name", unique("cf").replace("-", "_")), **kw)
    field.content_types.add(content_type(model_label))
    return field


def _component(model_name: str, **kw):
    from django.apps import apps

    kw.setdefault("device", device())
    kw.setdefault("name", unique(model_name.lower()))
    return apps.get_model("dcim", model_name).objects.create(**kw)


def interface(**kw):
    kw.setdefault("type", "1000base-t")
    kw.setdefault("status", status())
    return _component("Interface", **kw)


def console_port(**kw):
    return _component("ConsolePort", **kw)


def console_server_port(**kw):
    return _component("ConsoleServerPort", **kw)


def power_port(**kw):
    return _component("PowerPort", **kw)


def power_outlet(**kw):
    return _component("PowerOutlet", **kw)


def front_port(**kw):
    """A front port on position `rear_port_position` (default 1) of `rear_port` (default: a new 4-position one)."""
    kw.setdefault("rear_port", rear_port(**({"device": kw["device"]} if "device" in kw else {})))
    kw.setdefault("device", kw["rear_port"].device)
    kw.setdefault("type", "8p8c")
    return _component("FrontPort", **kw)


def power_panel(**kw):
    from nautobot.dcim.models import PowerPanel

    kw.setdefault("site", site())
    return PowerPanel.objects.create(name=unique("panel"), **kw)


def power_feed(**kw):
    from nautobot.dcim.models import PowerFeed

    kw.setdefault("power_panel", power_panel())
    return PowerFeed.objects.create(name=unique("feed"), status=status(), **kw)


def cable(a, b, **kw):
    """A connected cable between `a` and `b`, attached to both ends with paths computed (as the API does)."""
    from nautobot.dcim.models import Cable
    from nautobot.dcim.services import cable_connect

    kw.setdefault("status", status("connected"))
    made = Cable(termination_a=a, termination_b=b, **kw)
    made.validated_save()
    cable_connect(cable=made)
    return made


def provider(**kw):
    from nautobot.circuits.models import Provider

    name = unique("provider")
    return Provider.objects.create(name=name, slug=name, **kw)


def provider_network(**kw):
    from nautobot.circuits.models import ProviderNetwork

    name = unique("provider-network")
    kw["provider"] = kw.get("provider") or provider()
    return ProviderNetwork.objects.create(name=name, slug=name, **kw)


def circuit_type(**kw):
    from nautobot.circuits.models import CircuitType

    name = unique("circuit-type")
    return CircuitType.objects.create(name=name, slug=name, **kw)


def circuit(**kw):
    from nautobot.circuits.models import Circuit

    kw["provider"] = kw.get("provider") or provider()
    kw["type"] = kw.get("type") or circuit_type()
    return Circuit.objects.create(cid=unique("cid"), status=status(), **kw)


def circuit_termination(**kw):
    """A termination (side A unless `term_side`) of `circuit` (default: a new one) at a new site, as the API makes it."""
    from nautobot.circuits.models import CircuitTermination
    from nautobot.circuits.services import circuit_termination_saved

    kw["circuit"] = kw.get("circuit") or circuit()
    kw.setdefault("term_side", "A")
    if "provider_network" not in kw and "location" not in kw:
        kw["site"] = kw.get("site") or site()
    termination = CircuitTermination(**kw)
    termination.validated_save()
    circuit_termination_saved(termination=termination)
    return termination


def cluster_type(**kw):
    from nautobot.virtualization.models import ClusterType

    name = unique("cluster-type")
    return ClusterType.objects.create(name=name, slug=name, **kw)


def cluster_group(**kw):
    from nautobot.virtualization.models import ClusterGroup

    name = unique("cluster-group")
    return ClusterGroup.objects.create(name=name, slug=name, **kw)


def cluster(**kw):
    from nautobot.virtualization.models import Cluster

    kw["type"] = kw.get("type") or cluster_type()
    return Cluster.objects.create(name=unique("cluster"), **kw)


def virtual_machine(**kw):
    from nautobot.virtualization.models import VirtualMachine

    kw["cluster"] = kw.get("cluster") or cluster()
    kw.setdefault("name", unique("vm"))
    return VirtualMachine.objects.create(status=status(), **kw)


def vm_interface(**kw):
    from nautobot.virtualization.models import VMInterface

    kw["virtual_machine"] = kw.get("virtual_machine") or virtual_machine()
    kw.setdefault("name", unique("vmif"))
    return VMInterface.objects.create(status=status(), **kw)
