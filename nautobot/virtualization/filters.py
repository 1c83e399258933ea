"""Hand-written filterset bases for virtualization (named by the specs; the generated filtersets add the derived filters)."""

from nautobot.dcim.filters import InterfaceVLANFilterSet, PrimaryIPFilterSet


class VirtualMachineFilterSet(PrimaryIPFilterSet):
    """Virtual machines filter like devices: `local_context_data=true|false`, `has_primary_ip=true|false`."""


class VMInterfaceFilterSet(InterfaceVLANFilterSet):
    """VM interfaces by VLAN carried (see `InterfaceVLANFilterSet`)."""
