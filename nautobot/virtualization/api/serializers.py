"""Hand-written serializer bases for virtualization: a VM's site, read from its cluster."""

from nautobot.core.api.fields import NestedRelatedField
from nautobot.core.api.serializers import BaseModelSerializer


class VirtualMachineSerializerBase(BaseModelSerializer):
    """Virtual machines: `site` is the cluster's (read-only; a VM has no site of its own)."""

    site = NestedRelatedField(source="cluster.site", read_only=True)
