"""Hand-written filterset bases for virtualization (named by the specs; the generated filtersets add the derived filters)."""

from django import forms

from nautobot.core.filters import BaseFilterSet
from nautobot.dcim.filters import DeviceFilterSet, VLANFilter


class VirtualMachineFilterSet(DeviceFilterSet):
    """Virtual machines filter like devices: `local_context_data=true|false`, `has_primary_ip=true|false`."""


class VMInterfaceFilterSet(BaseFilterSet):
    """VM interfaces carrying a VLAN, untagged or tagged (`vlan_id` by UUID, `vlan` by VLAN ID number)."""

    vlan_id = VLANFilter(field_name="id", inner=forms.UUIDField())
    vlan = VLANFilter(field_name="vid", inner=forms.IntegerField(min_value=1, max_value=4094))
