"""Hand-written serializer bases for virtualization: a VM's site (from its cluster) and primary IP, VM interface VLANs."""

from rest_framework import serializers

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.fields import NestedRelatedField
from nautobot.core.api.serializers import BaseModelSerializer, app_serializers
from nautobot.dcim.api.serializers import InterfaceVLANsMixin


class VirtualMachineSerializerBase(BaseModelSerializer):
    """Virtual machines: `site` and `location` are the cluster's (read-only; a VM has neither of its own);
    `primary_ip` (read-only) is the preferred of `primary_ip4`/`primary_ip6`."""

    site = NestedRelatedField(source="cluster.site", read_only=True)
    location = NestedRelatedField(source="cluster.location", read_only=True)
    primary_ip = serializers.SerializerMethodField(read_only=True)

    def get_primary_ip(self, obj) -> dict | None:
        ip = obj.primary_ip
        return None if ip is None else brief_representation(ip, self.context.get("request"))


class VMInterfaceSerializerBase(InterfaceVLANsMixin, BaseModelSerializer):
    """VM interfaces: 802.1Q mode and VLANs, checked against the site of the VM's cluster."""

    vlan_parent = "virtual_machine"

    def vlan_site_id(self, parent):
        return parent.cluster.site_id


# Nautobot 1.x names: `<Model>Serializer` and `Nested<Model>Serializer` of every virtualization model, made on first use.
__getattr__ = app_serializers("virtualization")
