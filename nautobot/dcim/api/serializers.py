"""Hand-written serializer bases for DCIM models whose writes do more than save one row."""

from rest_framework import serializers

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.serializers import BaseModelSerializer


class DeviceSerializerBase(BaseModelSerializer):
    """Devices: `parent_device` (the device whose bay holds this one); creating one creates its components."""

    parent_device = serializers.SerializerMethodField(read_only=True)

    def get_parent_device(self, obj) -> dict | None:
        bay = getattr(obj, "parent_bay", None) if hasattr(obj, "parent_bay") else None
        if bay is None:
            return None
        data = brief_representation(bay.device, self.context.get("request"))
        data["device_bay"] = brief_representation(bay, self.context.get("request"))
        return data

    def create(self, validated_data):
        from nautobot.dcim.services import device_instantiate_components

        device = super().create(validated_data)
        device_instantiate_components(device=device)
        return device


class VirtualChassisSerializerBase(BaseModelSerializer):
    """Virtual chassis: creating one with a `master` puts the master device into it."""

    def create(self, validated_data):
        from nautobot.dcim.services import virtual_chassis_adopt_master

        chassis = super().create(validated_data)
        virtual_chassis_adopt_master(virtual_chassis=chassis)
        return chassis

    def update(self, instance, validated_data):
        from nautobot.dcim.services import virtual_chassis_adopt_master

        chassis = super().update(instance, validated_data)
        virtual_chassis_adopt_master(virtual_chassis=chassis)
        return chassis
