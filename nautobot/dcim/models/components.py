"""Device component templates (on device types) and device components (on devices).

Creating a device copies every template of its type into a component (`dcim.services`).
"""

import netaddr
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from nautobot.core.models import BaseModel, ChangeLoggedModel, CustomFieldModel, PrimaryModel
from nautobot.core.models.ordering import NaturalOrderingField
from nautobot.core.models.trees import TreeModel
from nautobot.dcim.choices import (
    ConsolePortTypeChoices,
    InterfaceModeChoices,
    InterfaceTypeChoices,
    NON_CONNECTABLE_INTERFACE_TYPES,
    PortTypeChoices,
    PowerOutletFeedLegChoices,
    PowerOutletTypeChoices,
    PowerPortTypeChoices,
    VIRTUAL_INTERFACE_TYPES,
)
from nautobot.dcim.models.cables import CableTermination, PathEndpoint
from nautobot.extras.models import StatusField

__all__ = (
    "ConsolePortTemplate",
    "ConsoleServerPortTemplate",
    "PowerPortTemplate",
    "PowerOutletTemplate",
    "InterfaceTemplate",
    "FrontPortTemplate",
    "RearPortTemplate",
    "DeviceBayTemplate",
    "ConsolePort",
    "ConsoleServerPort",
    "PowerPort",
    "PowerOutlet",
    "Interface",
    "FrontPort",
    "RearPort",
    "DeviceBay",
    "InventoryItem",
    "COMPONENT_TEMPLATES",
)


class ComponentTemplateModel(BaseModel, ChangeLoggedModel, CustomFieldModel):
    device_type = models.ForeignKey("dcim.DeviceType", on_delete=models.CASCADE, related_name="%(class)ss")
    name = models.CharField(max_length=64)
    _name = NaturalOrderingField("name")
    label = models.CharField(max_length=64, blank=True, help_text="Physical label")
    description = models.CharField(max_length=200, blank=True)

    # Fields copied verbatim into the component; subclasses extend.
    copied_fields: tuple[str, ...] = ("name", "label", "description")
    component_model: str = ""

    class Meta:
        abstract = True
        ordering = ("device_type", "_name")
        unique_together = [["device_type", "name"]]

    def __str__(self) -> str:
        return self.name

    def instantiate(self, device, components_by_name: dict | None = None):
        """Return an unsaved component of `device` made from this template."""
        from django.apps import apps

        model = apps.get_model("dcim", self.component_model)
        return model(device=device, **{name: getattr(self, name) for name in self.copied_fields})


class ComponentModel(PrimaryModel):
    device = models.ForeignKey("dcim.Device", on_delete=models.CASCADE, related_name="%(class)ss")
    name = models.CharField(max_length=64)
    _name = NaturalOrderingField("name")
    label = models.CharField(max_length=64, blank=True, help_text="Physical label")
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        abstract = True
        ordering = ("device", "_name")
        unique_together = [["device", "name"]]

    def __str__(self) -> str:
        return self.name


# Templates ----------------------------------------------------------------------------------------


class ConsolePortTemplate(ComponentTemplateModel):
    type = models.CharField(max_length=50, choices=ConsolePortTypeChoices.choices, blank=True)
    copied_fields = (*ComponentTemplateModel.copied_fields, "type")
    component_model = "ConsolePort"

    class Meta(ComponentTemplateModel.Meta):
        pass


class ConsoleServerPortTemplate(ComponentTemplateModel):
    type = models.CharField(max_length=50, choices=ConsolePortTypeChoices.choices, blank=True)
    copied_fields = (*ComponentTemplateModel.copied_fields, "type")
    component_model = "ConsoleServerPort"

    class Meta(ComponentTemplateModel.Meta):
        pass


class PowerPortTemplate(ComponentTemplateModel):
    type = models.CharField(max_length=50, choices=PowerPortTypeChoices.choices, blank=True)
    maximum_draw = models.PositiveSmallIntegerField(blank=True, null=True, validators=[MinValueValidator(1)])
    allocated_draw = models.PositiveSmallIntegerField(blank=True, null=True, validators=[MinValueValidator(1)])
    copied_fields = (*ComponentTemplateModel.copied_fields, "type", "maximum_draw", "allocated_draw")
    component_model = "PowerPort"

    class Meta(ComponentTemplateModel.Meta):
        pass


class PowerOutletTemplate(ComponentTemplateModel):
    type = models.CharField(max_length=50, choices=PowerOutletTypeChoices.choices, blank=True)
    power_port = models.ForeignKey(
        PowerPortTemplate, on_delete=models.SET_NULL, blank=True, null=True, related_name="poweroutlet_templates"
    )
    feed_leg = models.CharField(max_length=50, choices=PowerOutletFeedLegChoices.choices, blank=True)
    copied_fields = (*ComponentTemplateModel.copied_fields, "type", "feed_leg")
    component_model = "PowerOutlet"

    class Meta(ComponentTemplateModel.Meta):
        pass

    def clean(self) -> None:
        super().clean()
        if self.power_port_id and self.power_port.device_type_id != self.device_type_id:
            raise ValidationError(
                {"power_port": f"Parent power port ({self.power_port}) must belong to the same device type."}
            )

    def instantiate(self, device, components_by_name: dict | None = None):
        outlet = super().instantiate(device)
        if self.power_port_id and components_by_name:
            outlet.power_port = components_by_name.get(("PowerPort", self.power_port.name))
        return outlet


class InterfaceTemplate(ComponentTemplateModel):
    type = models.CharField(max_length=50, choices=InterfaceTypeChoices.choices)
    mgmt_only = models.BooleanField(default=False, verbose_name="Management only")
    copied_fields = (*ComponentTemplateModel.copied_fields, "type", "mgmt_only")
    component_model = "Interface"

    class Meta(ComponentTemplateModel.Meta):
        pass


class RearPortTemplate(ComponentTemplateModel):
    type = models.CharField(max_length=50, choices=PortTypeChoices.choices)
    positions = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1), MaxValueValidator(1024)])
    copied_fields = (*ComponentTemplateModel.copied_fields, "type", "positions")
    component_model = "RearPort"

    class Meta(ComponentTemplateModel.Meta):
        pass


class FrontPortTemplate(ComponentTemplateModel):
    type = models.CharField(max_length=50, choices=PortTypeChoices.choices)
    rear_port = models.ForeignKey(RearPortTemplate, on_delete=models.CASCADE, related_name="frontport_templates")
    rear_port_position = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(1024)]
    )
    copied_fields = (*ComponentTemplateModel.copied_fields, "type", "rear_port_position")
    component_model = "FrontPort"

    class Meta(ComponentTemplateModel.Meta):
        unique_together = [["device_type", "name"], ["rear_port", "rear_port_position"]]

    def clean(self) -> None:
        super().clean()
        if self.rear_port_id:
            if self.rear_port.device_type_id != self.device_type_id:
                raise ValidationError(
                    {"rear_port": f"Rear port ({self.rear_port}) must belong to the same device type."}
                )
            if self.rear_port_position > self.rear_port.positions:
                raise ValidationError(
                    {
                        "rear_port_position": f"Invalid rear port position ({self.rear_port_position}); rear port {self.rear_port.name} has only {self.rear_port.positions} positions."
                    }
                )

    def instantiate(self, device, components_by_name: dict | None = None):
        port = super().instantiate(device)
        port.rear_port = (components_by_name or {}).get(("RearPort", self.rear_port.name))
        return port


class DeviceBayTemplate(ComponentTemplateModel):
    component_model = "DeviceBay"

    class Meta(ComponentTemplateModel.Meta):
        pass


# Instantiation order: a power outlet needs its power port, a front port its rear port.
COMPONENT_TEMPLATES = (
    ConsolePortTemplate,
    ConsoleServerPortTemplate,
    PowerPortTemplate,
    PowerOutletTemplate,
    InterfaceTemplate,
    RearPortTemplate,
    FrontPortTemplate,
    DeviceBayTemplate,
)


# Components ---------------------------------------------------------------------------------------


class ConsolePort(ComponentModel, CableTermination, PathEndpoint):
    type = models.CharField(max_length=50, choices=ConsolePortTypeChoices.choices, blank=True)

    class Meta(ComponentModel.Meta):
        pass


class ConsoleServerPort(ComponentModel, CableTermination, PathEndpoint):
    type = models.CharField(max_length=50, choices=ConsolePortTypeChoices.choices, blank=True)

    class Meta(ComponentModel.Meta):
        pass


class PowerPort(ComponentModel, CableTermination, PathEndpoint):
    type = models.CharField(max_length=50, choices=PowerPortTypeChoices.choices, blank=True)
    maximum_draw = models.PositiveSmallIntegerField(blank=True, null=True, validators=[MinValueValidator(1)])
    allocated_draw = models.PositiveSmallIntegerField(blank=True, null=True, validators=[MinValueValidator(1)])

    class Meta(ComponentModel.Meta):
        pass


class PowerOutlet(ComponentModel, CableTermination, PathEndpoint):
    type = models.CharField(max_length=50, choices=PowerOutletTypeChoices.choices, blank=True)
    power_port = models.ForeignKey(
        PowerPort, on_delete=models.SET_NULL, blank=True, null=True, related_name="poweroutlets"
    )
    feed_leg = models.CharField(max_length=50, choices=PowerOutletFeedLegChoices.choices, blank=True)

    class Meta(ComponentModel.Meta):
        pass

    def clean(self) -> None:
        super().clean()
        if self.power_port_id and self.power_port.device_id != self.device_id:
            raise ValidationError(
                {"power_port": f"Parent power port ({self.power_port}) must belong to the same device."}
            )


def normalize_mac(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return str(netaddr.EUI(value, dialect=netaddr.mac_unix_expanded)).upper()
    except (netaddr.AddrFormatError, TypeError, ValueError):
        raise ValidationError(f"Invalid MAC address: {value}") from None


class Interface(ComponentModel, CableTermination, PathEndpoint):
    type = models.CharField(max_length=50, choices=InterfaceTypeChoices.choices)
    enabled = models.BooleanField(default=True)
    mgmt_only = models.BooleanField(default=False, verbose_name="Management only")
    mtu = models.PositiveIntegerField(
        blank=True, null=True, validators=[MinValueValidator(1), MaxValueValidator(65536)], verbose_name="MTU"
    )
    mac_address = models.CharField(max_length=18, blank=True, null=True, verbose_name="MAC address")
    mode = models.CharField(max_length=50, choices=InterfaceModeChoices.choices, blank=True)
    lag = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        related_name="member_interfaces",
        blank=True,
        null=True,
        verbose_name="Parent LAG",
    )
    parent_interface = models.ForeignKey(
        "self", on_delete=models.SET_NULL, related_name="child_interfaces", blank=True, null=True
    )
    bridge = models.ForeignKey(
        "self", on_delete=models.SET_NULL, related_name="bridged_interfaces", blank=True, null=True
    )
    status = StatusField()
    untagged_vlan = models.ForeignKey(
        "ipam.VLAN",
        on_delete=models.SET_NULL,
        related_name="interfaces_as_untagged",
        blank=True,
        null=True,
        verbose_name="Untagged VLAN",
    )
    tagged_vlans = models.ManyToManyField(
        "ipam.VLAN", related_name="interfaces_as_tagged", blank=True, verbose_name="Tagged VLANs"
    )

    class Meta(ComponentModel.Meta):
        pass

    def clean(self) -> None:
        super().clean()
        errors = {}
        try:
            self.mac_address = normalize_mac(self.mac_address)
        except ValidationError as exc:
            errors["mac_address"] = exc.messages
        for name in ("lag", "parent_interface", "bridge"):
            other = getattr(self, name)
            if other is None:
                continue
            if other.pk == self.pk:
                errors[name] = f"An interface cannot be its own {name.replace('_', ' ')}."
            elif other.device_id != self.device_id and not (
                self.device.virtual_chassis_id and other.device.virtual_chassis_id == self.device.virtual_chassis_id
            ):
                errors[name] = (
                    f"The selected {name.replace('_', ' ')} ({other}) belongs to a different device ({other.device})."
                )
        if self.lag_id and self.lag.type != InterfaceTypeChoices.TYPE_LAG:
            errors["lag"] = f"The selected LAG interface ({self.lag}) is not a LAG interface."
        if self.type == InterfaceTypeChoices.TYPE_LAG and self.lag_id:
            errors["lag"] = "A LAG interface cannot have a parent LAG."
        if self.type in VIRTUAL_INTERFACE_TYPES and self.lag_id:
            errors.setdefault("lag", "Virtual interfaces cannot have a parent LAG interface.")
        if self.type in NON_CONNECTABLE_INTERFACE_TYPES and self.cable_id:
            errors["type"] = (
                f"Interfaces of type {self.get_type_display()} cannot have a cable; delete cable {self.cable} first."
            )
        if self.untagged_vlan_id and self.untagged_vlan.site_id not in (None, self.device.site_id):
            errors["untagged_vlan"] = (
                f"The untagged VLAN ({self.untagged_vlan}) must belong to the same site as the interface's parent device, "
                "or it must be global."
            )
        if errors:
            raise ValidationError(errors)


class RearPort(ComponentModel, CableTermination):
    type = models.CharField(max_length=50, choices=PortTypeChoices.choices)
    positions = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1), MaxValueValidator(1024)])

    class Meta(ComponentModel.Meta):
        pass


class FrontPort(ComponentModel, CableTermination):
    type = models.CharField(max_length=50, choices=PortTypeChoices.choices)
    rear_port = models.ForeignKey(RearPort, on_delete=models.CASCADE, related_name="frontports")
    rear_port_position = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(1024)]
    )

    class Meta(ComponentModel.Meta):
        unique_together = [["device", "name"], ["rear_port", "rear_port_position"]]

    def clean(self) -> None:
        super().clean()
        if self.rear_port_id:
            if self.rear_port.device_id != self.device_id:
                raise ValidationError({"rear_port": f"Rear port ({self.rear_port}) must belong to the same device."})
            if self.rear_port_position > self.rear_port.positions:
                raise ValidationError(
                    {
                        "rear_port_position": f"Invalid rear port position ({self.rear_port_position}): rear port {self.rear_port.name} has only {self.rear_port.positions} positions."
                    }
                )


class DeviceBay(ComponentModel):
    installed_device = models.OneToOneField(
        "dcim.Device", on_delete=models.SET_NULL, related_name="parent_bay", blank=True, null=True
    )

    class Meta(ComponentModel.Meta):
        pass

    def clean(self) -> None:
        super().clean()
        if self.installed_device_id and self.installed_device_id == self.device_id:
            raise ValidationError({"installed_device": "Cannot install a device into itself."})


class InventoryItem(TreeModel, ComponentModel):
    manufacturer = models.ForeignKey(
        "dcim.Manufacturer", on_delete=models.PROTECT, related_name="inventory_items", blank=True, null=True
    )
    part_id = models.CharField(max_length=50, blank=True, verbose_name="Part ID")
    serial = models.CharField(max_length=255, blank=True, verbose_name="Serial number")
    asset_tag = models.CharField(max_length=50, unique=True, blank=True, null=True, verbose_name="Asset tag")
    discovered = models.BooleanField(default=False)

    class Meta(ComponentModel.Meta):
        unique_together = [["device", "parent", "name"]]
