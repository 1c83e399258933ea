"""Reads of DCIM data that span several models: what occupies a rack's units."""

from nautobot.dcim.choices import DeviceFaceChoices
from nautobot.dcim.models import Device, Rack
from nautobot.dcim.models.devices import rack_devices
from nautobot.core.permissions import restrict


def rack_units(
    rack: Rack, *, face: str = DeviceFaceChoices.FACE_FRONT, user=None, exclude=None, expand_devices: bool = True
) -> list[dict]:
    """The rack's units, top first unless the rack counts downwards, as `{id, name, face, device, occupied}`.

    A device the user may not view still marks its units occupied but is not named. With
    `expand_devices=False` a device appears only in its lowest unit, with its `height`.
    """
    elevation = {
        unit: {"id": unit, "name": f"U{unit}", "face": face, "device": None, "occupied": False} for unit in rack.units
    }
    devices = list(rack_devices(rack, face, exclude))
    visible = set(restrict(Device.objects.filter(rack=rack), user).values_list("pk", flat=True)) if user else None
    for device in devices:
        shown = device if visible is None or device.pk in visible else None
        height = device.device_type.u_height
        units = range(device.position, device.position + height) if expand_devices else [device.position]
        for unit in units:
            if unit in elevation:
                elevation[unit].update(device=shown, occupied=True)
        if not expand_devices and device.position in elevation:
            elevation[device.position]["height"] = height
            for unit in range(device.position + 1, device.position + height):
                elevation.pop(unit, None)
    return list(elevation.values())
