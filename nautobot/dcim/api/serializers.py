"""Hand-written serializer bases for DCIM models whose writes do more than save one row, or that show cable ends."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.serializers import BaseModelSerializer, app_serializers, django_errors_to_drf
from nautobot.dcim.cabling import cable_peer, content_type_label
from nautobot.dcim.choices import InterfaceModeChoices
from nautobot.dcim.services import cable_connect, device_instantiate_components, virtual_chassis_adopt_master
from nautobot.extras.models import Status


class DeviceSerializerBase(BaseModelSerializer):
    """Devices: `parent_device` (the device whose bay holds this one), `primary_ip` (read-only, the preferred
    of `primary_ip4`/`primary_ip6`); creating one creates its components."""

    parent_device = serializers.SerializerMethodField(read_only=True)
    primary_ip = serializers.SerializerMethodField(read_only=True)

    def get_primary_ip(self, obj) -> dict | None:
        ip = obj.primary_ip
        return None if ip is None else brief_representation(ip, self.context.get("request"))

    def get_parent_device(self, obj) -> dict | None:
        bay = getattr(obj, "parent_bay", None)  # reverse one-to-one: absent → RelatedObjectDoesNotExist → None
        if bay is None:
            return None
        data = brief_representation(bay.device, self.context.get("request"))
        data["device_bay"] = brief_representation(bay, self.context.get("request"))
        return data

    def create(self, validated_data):
        device = super().create(validated_data)
        device_instantiate_components(device=device, template_cache=self.context.setdefault("_component_templates", {}))
        return device


class VirtualChassisSerializerBase(BaseModelSerializer):
    """Virtual chassis: creating one with a `master` puts the master device into it."""

    def create(self, validated_data):
        chassis = super().create(validated_data)
        virtual_chassis_adopt_master(virtual_chassis=chassis)
        return chassis

    def update(self, instance, validated_data):
        chassis = super().update(instance, validated_data)
        virtual_chassis_adopt_master(virtual_chassis=chassis)
        return chassis


class InterfaceRedundancyGroupSerializerBase(BaseModelSerializer):
    """Interface redundancy groups: `interfaces` lists the memberships (the interface and its priority), read-only:
    they are written at `/api/dcim/interface-redundancy-group-associations/`, as 1.6."""

    interfaces = serializers.SerializerMethodField(read_only=True)

    def get_interfaces(self, group) -> list[dict]:
        request = self.context.get("request")
        listed = []
        for association in group.interface_redundancy_group_associations.all():
            item = brief_representation(association, request)
            item["interface"] = brief_representation(association.interface, request)
            item["priority"] = association.priority
            listed.append(item)
        return listed


class CableTerminationSerializerBase(BaseModelSerializer):
    """Cable-able components: `cable_peer` (the far end of the cable) and its `cable_peer_type`."""

    cable_peer = serializers.SerializerMethodField(read_only=True)
    cable_peer_type = serializers.SerializerMethodField(read_only=True)

    def get_cable_peer(self, obj) -> dict | None:
        peer = cable_peer(obj)
        return None if peer is None else brief_representation(peer, self.context.get("request"))

    def get_cable_peer_type(self, obj) -> str | None:
        return content_type_label(cable_peer(obj))


class PathEndpointSerializerBase(CableTerminationSerializerBase):
    """Path endpoints: where their cable path ends (`connected_endpoint`) and whether it is all connected."""

    connected_endpoint = serializers.SerializerMethodField(read_only=True)
    connected_endpoint_type = serializers.SerializerMethodField(read_only=True)
    connected_endpoint_reachable = serializers.SerializerMethodField(read_only=True)

    def get_connected_endpoint(self, obj) -> dict | None:
        endpoint = _connected_endpoint(obj)
        return None if endpoint is None else brief_representation(endpoint, self.context.get("request"))

    def get_connected_endpoint_type(self, obj) -> str | None:
        return content_type_label(_connected_endpoint(obj))

    def get_connected_endpoint_reachable(self, obj) -> bool | None:
        return obj._path.is_active if obj._path_id else None


def _connected_endpoint(obj):
    return obj._path.destination if obj._path_id else None


class CableSerializerBase(BaseModelSerializer):
    """Cables: both ends as nested objects; saving one attaches it to its ends and recomputes paths."""

    termination_a = serializers.SerializerMethodField(read_only=True)
    termination_b = serializers.SerializerMethodField(read_only=True)

    def get_termination_a(self, obj) -> dict | None:
        return self._end(obj.termination_a)

    def get_termination_b(self, obj) -> dict | None:
        return self._end(obj.termination_b)

    def _end(self, end) -> dict | None:
        return None if end is None else brief_representation(end, self.context.get("request"))

    def get_validators(self) -> list:
        return []  # "one cable per end" is checked by `Cable.clean()`, with a message naming the end

    def validate(self, attrs: dict) -> dict:
        if self.instance is None and attrs.get("status") is None:
            attrs["status"] = Status.objects.filter(slug="connected").first()
        return super().validate(attrs)

    def create(self, validated_data):
        cable = super().create(validated_data)
        self._connect(cable)
        return cable

    def update(self, instance, validated_data):
        cable = super().update(instance, validated_data)
        self._connect(cable)
        return cable

    def _connect(self, cable) -> None:
        try:
            cable_connect(cable=cable)
        except DjangoValidationError as error:
            raise django_errors_to_drf(error) from None


class InterfaceVLANsMixin:
    """802.1Q mode and VLANs of an interface (of a device, or of a VM). Tagged VLANs need mode `tagged`;
    VLANs must be global or of the parent's site; an interface without a mode has no untagged VLAN."""

    vlan_parent = "device"  # the field naming the interface's parent

    def vlan_site_id(self, parent):
        """The site whose VLANs (besides global ones) the interface may carry."""
        return parent.site_id

    def validate(self, attrs: dict) -> dict:
        mode = attrs.get("mode", getattr(self.instance, "mode", ""))
        tagged = attrs.get("tagged_vlans")
        if mode != InterfaceModeChoices.MODE_TAGGED:
            if tagged:
                raise serializers.ValidationError(
                    {
                        "tagged_vlans": f"Mode must be set to {InterfaceModeChoices.MODE_TAGGED} when specifying tagged_vlans"
                    }
                )
            if tagged is None and self.instance is not None and self.instance.tagged_vlans.exists():
                raise serializers.ValidationError(
                    {"tagged_vlans": f"Clear tagged_vlans to set mode to {mode or 'none'}"}
                )
        if not mode:
            attrs["untagged_vlan"] = None
        parent = attrs.get(self.vlan_parent) or getattr(self.instance, self.vlan_parent, None)
        site_id = self.vlan_site_id(parent) if parent is not None else None
        label = self.vlan_parent.replace("_", " ")
        for vlan in tagged or []:
            if vlan.site_id not in (None, site_id):
                raise serializers.ValidationError(
                    {
                        "tagged_vlans": f"VLAN {vlan} must belong to the same site as the interface's parent {label}, or it must be global."
                    }
                )
        return super().validate(attrs)


class InterfaceSerializerBase(InterfaceVLANsMixin, PathEndpointSerializerBase):
    """Interfaces: 802.1Q mode and VLANs (see `InterfaceVLANsMixin`), cable ends and paths."""


# Nautobot 1.x names: `<Model>Serializer` and `Nested<Model>Serializer` of every dcim model, made on first use.
__getattr__ = app_serializers("dcim")
