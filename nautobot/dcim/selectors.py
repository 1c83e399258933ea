"""Reads of DCIM data that span several models: what occupies a rack's units."""

from django.db.models import Q, QuerySet

from nautobot.dcim.choices import DeviceFaceChoices
from nautobot.dcim.models import Device, Rack
from nautobot.core.permissions import restrict


def rack_devices(rack: Rack, face: str = DeviceFaceChoices.FACE_FRONT, exclude=None) -> QuerySet:
    """Devices mounted in `rack` that are seen from `face` (full-depth devices are seen from both faces)."""
    devices = Device.objects.select_related("device_type", "device_type__manufacturer", "device_role").filter(
        rack=rack, position__gt=0, device_type__u_height__gt=0
    )
    if face:
        devices = devices.filter(Q(face=face) | Q(device_type__is_full_depth=True))
    if exclude is not None:
        devices = devices.exclude(pk=exclude)
    return devices


def occupied_units(rack: Rack, face: str, exclude=None) -> dict[int, Device]:
    """Unit number -> the device occupying it on `face`."""
    units = {}
    for device in rack_devices(rack, face, exclude):
        for unit in range(device.position, device.position + device.device_type.u_height):
            units[unit] = device
    return units


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
