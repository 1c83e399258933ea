"""ORM builders for dcim test data (sites, racks, devices, components, power, cables): each call makes a new, valid object with unique names.

The builders of the apps below (`nautobot.tenancy.tests.builders`) are re-exported, so that a test imports one module.
"""

from django.apps import apps

from nautobot.dcim.models import (
    Cable,
    Device,
    DeviceRole,
    DeviceType,
    Location,
    LocationType,
    Manufacturer,
    Platform,
    PowerFeed,
    PowerPanel,
    Rack,
    RackGroup,
    RackRole,
    RearPort,
    RearPortTemplate,
    Region,
    Site,
)
from nautobot.dcim.services import cable_connect
from nautobot.tenancy.tests.builders import *  # noqa: F403  (the builders below, re-exported)
from nautobot.tenancy.tests.builders import status, unique


def region(**kw):
    name = unique("region")
    return Region.objects.create(name=name, slug=name, **kw)


def site(**kw):
    name = unique("site")
    return Site.objects.create(name=name, slug=name, status=status(), **kw)


def location_type(**kw):
    name = unique("location-type")
    return LocationType.objects.create(name=name, slug=name, **kw)


def location(**kw):
    name = unique("location")
    kw.setdefault("location_type", location_type())
    kw.setdefault("site", site())
    return Location.objects.create(name=name, slug=name, status=status(), **kw)


def rack_group(**kw):
    name = unique("rack-group")
    kw.setdefault("site", site())
    return RackGroup.objects.create(name=name, slug=name, **kw)


def rack_role(**kw):
    name = unique("rack-role")
    return RackRole.objects.create(name=name, slug=name, **kw)


def rack(**kw):
    kw.setdefault("site", site())
    return Rack.objects.create(name=unique("rack"), status=status(), **kw)


def manufacturer(**kw):
    name = unique("manufacturer")
    return Manufacturer.objects.create(name=name, slug=name, **kw)


def device_type(**kw):
    name = unique("model")
    kw.setdefault("manufacturer", manufacturer())
    return DeviceType.objects.create(model=name, slug=name, **kw)


def device_role(**kw):
    name = unique("role")
    return DeviceRole.objects.create(name=name, slug=name, **kw)


def platform(**kw):
    name = unique("platform")
    return Platform.objects.create(name=name, slug=name, **kw)


def device(**kw):
    kw.setdefault("device_type", device_type())
    kw.setdefault("device_role", device_role())
    kw.setdefault("site", site())
    kw.setdefault("name", unique("device"))
    return Device.objects.create(status=status(), **kw)


def rear_port(**kw):
    kw.setdefault("device", device())
    return RearPort.objects.create(name=unique("rear"), type="8p8c", positions=4, **kw)


def rear_port_template(**kw):
    kw.setdefault("device_type", device_type())
    return RearPortTemplate.objects.create(name=unique("rear"), type="8p8c", positions=4, **kw)


def component(model_name: str, **kw):
    """A component (`"Interface"`, `"InventoryItem"`, ...) of `device` (default: a new one)."""
    kw.setdefault("device", device())
    kw.setdefault("name", unique(model_name.lower()))
    return apps.get_model("dcim", model_name).objects.create(**kw)


def interface(**kw):
    kw.setdefault("type", "1000base-t")
    kw.setdefault("status", status())
    return component("Interface", **kw)


def console_port(**kw):
    return component("ConsolePort", **kw)


def console_server_port(**kw):
    return component("ConsoleServerPort", **kw)


def power_port(**kw):
    return component("PowerPort", **kw)


def power_outlet(**kw):
    return component("PowerOutlet", **kw)


def front_port(**kw):
    """A front port on position `rear_port_position` (default 1) of `rear_port` (default: a new 4-position one)."""
    kw.setdefault("rear_port", rear_port(**({"device": kw["device"]} if "device" in kw else {})))
    kw.setdefault("device", kw["rear_port"].device)
    kw.setdefault("type", "8p8c")
    return component("FrontPort", **kw)


def power_panel(**kw):
    kw.setdefault("site", site())
    return PowerPanel.objects.create(name=unique("panel"), **kw)


def power_feed(**kw):
    kw.setdefault("power_panel", power_panel())
    return PowerFeed.objects.create(name=unique("feed"), status=status(), **kw)


def cable(a, b, **kw):
    """A connected cable between `a` and `b`, attached to both ends with paths computed (as the API does)."""
    kw.setdefault("status", status("connected"))
    made = Cable(termination_a=a, termination_b=b, **kw)
    made.validated_save()
    cable_connect(cable=made)
    return made
