"""Hand-written filterset bases for virtualization (named by the specs; the generated filtersets add the derived filters)."""

import uuid

from django import forms
from django.db.models import Q

from nautobot.core.filters import MultiValueFilter
from nautobot.dcim.filters import InterfaceVLANFilterSet, PrimaryIPFilterSet
from nautobot.ipam import networks
from nautobot.ipam.models import IPAddress


class AddressOrUUIDField(forms.CharField):
    """An IP address's UUID, or the address itself (`10.0.0.1` with any mask, or `10.0.0.1/24`)."""

    def clean(self, value):
        value = super().clean(value)
        try:
            return uuid.UUID(value)
        except ValueError:
            pass
        try:
            networks.address_equals(value)
        except networks.NetworkParseError as error:
            raise forms.ValidationError(str(error)) from None
        return value


class PrimaryIPFilter(MultiValueFilter):
    """Objects whose primary address (`field_name`) is one of those named, by UUID or address; unknown ones
    match nothing, as the original's `primary_ip4`/`primary_ip6`."""

    def __init__(self, **kwargs) -> None:
        super().__init__(inner=AddressOrUUIDField(), **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        condition = Q(pk__in=[])
        for item in value:
            condition |= Q(pk=item) if isinstance(item, uuid.UUID) else networks.address_equals(item)
        return qs.filter(**{f"{self.field_name}__in": IPAddress.objects.filter(condition)})


class VirtualMachineFilterSet(PrimaryIPFilterSet):
    """Virtual machines filter like devices: `local_context_data=true|false`, `has_primary_ip=true|false`;
    `primary_ip4`/`primary_ip6` by UUID or address."""

    primary_ip4 = PrimaryIPFilter(field_name="primary_ip4")
    primary_ip6 = PrimaryIPFilter(field_name="primary_ip6")


class VMInterfaceFilterSet(InterfaceVLANFilterSet):
    """VM interfaces by VLAN carried (see `InterfaceVLANFilterSet`)."""
