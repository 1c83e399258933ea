"""Manufacturers, device types, device roles, platforms, devices and virtual chassis."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from nautobot.core.models import NameSlugDescriptionModel, OrganizationalModel, PrimaryModel
from nautobot.core.fastpath import load_foreign_keys
from nautobot.core.models.ordering import NaturalOrderingField
from nautobot.dcim.choices import DeviceFaceChoices, SubdeviceRoleChoices
from nautobot.dcim.models.components import Interface
from nautobot.dcim.validation import primary_ip_errors
from nautobot.extras.models import ColorValidator, ConfigContextModel, StatusField
from nautobot.core.runtime_settings import get_settings_or_config

__all__ = ("Manufacturer", "DeviceType", "DeviceRole", "Platform", "Device", "VirtualChassis")


class Manufacturer(NameSlugDescriptionModel, OrganizationalModel):
    class Meta:
        ordering = ("name",)


class DeviceType(PrimaryModel):
    manufacturer = models.ForeignKey(Manufacturer, on_delete=models.PROTECT, related_name="device_types")
    model = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    part_number = models.CharField(max_length=50, blank=True)
    u_height = models.PositiveSmallIntegerField(default=1, verbose_name="Height (U)")
    is_full_depth = models.BooleanField(default=True)
    subdevice_role = models.CharField(max_length=50, choices=SubdeviceRoleChoices.choices, blank=True)
    front_image = models.ImageField(upload_to="devicetype-images", blank=True)
    rear_image = models.ImageField(upload_to="devicetype-images", blank=True)
    comments = models.TextField(blank=True)

    class Meta:
        ordering = ("manufacturer", "model")
        unique_together = [["manufacturer", "model"], ["manufacturer", "slug"]]

    def __str__(self) -> str:
        return self.model

    @property
    def display(self) -> str:
        return f"{self.manufacturer.name} {self.model}"

    def clean(self) -> None:
        super().clean()
        if self.subdevice_role == SubdeviceRoleChoices.ROLE_CHILD and self.u_height:
            raise ValidationError({"u_height": "Child device types must be 0U."})


class DeviceRole(NameSlugDescriptionModel, OrganizationalModel):
    color = models.CharField(max_length=6, default="9e9e9e", validators=[ColorValidator])
    vm_role = models.BooleanField(
        default=True, verbose_name="VM role", help_text="Virtual machines may be assigned to this role"
    )

    class Meta:
        ordering = ("name",)


class Platform(NameSlugDescriptionModel, OrganizationalModel):
    manufacturer = models.ForeignKey(
        Manufacturer, on_delete=models.PROTECT, related_name="platforms", blank=True, null=True
    )
    napalm_driver = models.CharField(max_length=50, blank=True, verbose_name="NAPALM driver")
    napalm_args = models.JSONField(blank=True, null=True, verbose_name="NAPALM arguments")
    network_driver = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ("name",)


class VirtualChassis(PrimaryModel):
    master = models.OneToOneField(
        "dcim.Device", on_delete=models.PROTECT, related_name="vc_master_for", blank=True, null=True
    )
    name = models.CharField(max_length=64)
    domain = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ("name",)
        verbose_name_plural = "virtual chassis"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.master_id and not self._state.adding and self.master.virtual_chassis_id not in (None, self.pk):
            raise ValidationError(
                {"master": f"The selected master ({self.master}) is not assigned to this virtual chassis."}
            )


class Device(ConfigContextModel, PrimaryModel):
    device_type = models.ForeignKey(DeviceType, on_delete=models.PROTECT, related_name="instances")
    device_role = models.ForeignKey(DeviceRole, on_delete=models.PROTECT, related_name="devices")
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="devices", blank=True, null=True
    )
    platform = models.ForeignKey(Platform, on_delete=models.SET_NULL, related_name="devices", blank=True, null=True)
    name = models.CharField(max_length=64, blank=True, null=True)
    _name = NaturalOrderingField("name", null=True)
    serial = models.CharField(max_length=255, blank=True, verbose_name="Serial number")
    asset_tag = models.CharField(max_length=50, blank=True, null=True, unique=True, verbose_name="Asset tag")
    site = models.ForeignKey("dcim.Site", on_delete=models.PROTECT, related_name="devices")
    location = models.ForeignKey(
        "dcim.Location", on_delete=models.PROTECT, related_name="devices", blank=True, null=True
    )
    rack = models.ForeignKey("dcim.Rack", on_delete=models.PROTECT, related_name="devices", blank=True, null=True)
    position = models.PositiveSmallIntegerField(
        blank=True, null=True, validators=[MinValueValidator(1)], verbose_name="Position (U)"
    )
    face = models.CharField(max_length=50, blank=True, choices=DeviceFaceChoices.choices, verbose_name="Rack face")
    status = StatusField()
    # The credentials to reach the device with (NAPALM, apps): `device.secrets_group.get_secret_value(...)`.
    secrets_group = models.ForeignKey(
        "extras.SecretsGroup", on_delete=models.SET_NULL, related_name="devices", blank=True, null=True
    )
    device_redundancy_group = models.ForeignKey(
        "dcim.DeviceRedundancyGroup", on_delete=models.SET_NULL, related_name="members", blank=True, null=True
    )
    device_redundancy_group_priority = models.PositiveSmallIntegerField(
        blank=True,
        null=True,
        validators=[MinValueValidator(1)],
        verbose_name="Device Redundancy Group Priority",
        help_text="The priority the device has in the device redundancy group.",
    )
    cluster = models.ForeignKey(
        "virtualization.Cluster", on_delete=models.SET_NULL, related_name="devices", blank=True, null=True
    )
    virtual_chassis = models.ForeignKey(
        VirtualChassis, on_delete=models.SET_NULL, related_name="members", blank=True, null=True
    )
    vc_position = models.PositiveSmallIntegerField(
        blank=True, null=True, validators=[MaxValueValidator(255)], verbose_name="VC position"
    )
    vc_priority = models.PositiveSmallIntegerField(
        blank=True, null=True, validators=[MaxValueValidator(255)], verbose_name="VC priority"
    )
    comments = models.TextField(blank=True)
    primary_ip4 = models.OneToOneField(
        "ipam.IPAddress",
        on_delete=models.SET_NULL,
        related_name="primary_ip4_for",
        blank=True,
        null=True,
        verbose_name="Primary IPv4",
    )
    primary_ip6 = models.OneToOneField(
        "ipam.IPAddress",
        on_delete=models.SET_NULL,
        related_name="primary_ip6_for",
        blank=True,
        null=True,
        verbose_name="Primary IPv6",
    )

    class Meta:
        ordering = ("_name", "pk")
        unique_together = [["site", "tenant", "name"], ["rack", "position", "face"], ["virtual_chassis", "vc_position"]]
        permissions = (
            ("napalm_read", "Read-only access to devices via NAPALM"),
            ("napalm_write", "Read/write access to devices via NAPALM"),
        )

    def __str__(self) -> str:
        if self.name:
            return self.name
        if self.virtual_chassis_id:
            return f"{self.virtual_chassis.name}:{self.vc_position} ({self.pk})"
        return f"{self.device_type.manufacturer.name} {self.device_type.model} ({self.pk})"

    @property
    def identifier(self) -> str:
        """The device's name, or `{<pk>}` for an unnamed one (1.x: how CSV exports and apps name a device)."""
        return self.name or f"{{{self.pk}}}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        # The related objects the checks below read, each exactly when its check reads it, loaded with SQL
        # compiled once instead of the ORM compiling a query per descriptor access (same queries).
        load_foreign_keys(
            [self],
            [
                name
                for name, read in (
                    ("rack", self.rack_id and self.site_id),
                    ("location", self.location_id and self.site_id),
                    (
                        "device_type",
                        self.device_type_id and (self.platform_id or (self.rack_id and self.position is not None)),
                    ),
                    ("platform", self.platform_id and self.device_type_id),
                    ("cluster", self.cluster_id and self.site_id),
                )
                if read
            ],
        )
        if self.rack_id and self.site_id and self.rack.site_id != self.site_id:
            errors["rack"] = f"Rack {self.rack} does not belong to site {self.site}."
        if self.location_id and self.site_id and self.location.site_id not in (None, self.site_id):
            errors["location"] = f"Location {self.location} does not belong to site {self.site}."
        if self.position is not None and not self.rack_id:
            errors["position"] = "Cannot select a rack position without assigning a rack."
        if self.position is not None and not self.face:
            errors["face"] = "Must specify rack face when defining rack position."
        if (
            self.rack_id
            and self.position is not None
            and self.device_type_id
            and self.position + self.device_type.u_height - 1 > self.rack.u_height
        ):
            errors["position"] = f"U{self.position} is outside rack {self.rack} ({self.rack.u_height}U)."
        elif self.rack_id and self.position is not None and self.face and self.device_type_id:
            clash = self._rack_clash()
            if clash is not None:
                errors["position"] = (
                    f"U{self.position} has no room for this {self.device_type.u_height}U device: {clash} occupies "
                    f"U{clash.position}-U{clash.position + clash.device_type.u_height - 1}."
                )
        if (
            self.platform_id
            and self.device_type_id
            and self.platform.manufacturer_id not in (None, self.device_type.manufacturer_id)
        ):
            errors["platform"] = (
                f"The assigned platform is limited to {self.platform.manufacturer} device types, but this device's type "
                f"belongs to {self.device_type.manufacturer}."
            )
        if self.cluster_id and self.site_id and self.cluster.site_id not in (None, self.site_id):
            errors["cluster"] = f"The assigned cluster belongs to a different site ({self.cluster.site})."
        if self.device_redundancy_group_priority is not None and self.device_redundancy_group_id is None:
            errors["device_redundancy_group"] = (
                "Must assign a redundancy group when defining a redundancy group priority."
            )
        errors.update(self._primary_ip_errors())
        if errors:
            raise ValidationError(errors)

    def _rack_clash(self) -> "Device | None":
        """The first other device in the rack that overlaps the units this device would take."""
        face = "" if self.device_type.is_full_depth else self.face
        taken = occupied_units(self.rack, face, exclude=self.pk)
        for unit in range(self.position, self.position + self.device_type.u_height):
            if unit in taken:
                return taken[unit]
        return None

    @property
    def primary_ip(self):
        """The primary IPv6 address, or IPv4 when there is none or `PREFER_IPV4` is set."""
        if get_settings_or_config("PREFER_IPV4") and self.primary_ip4_id:
            return self.primary_ip4
        return self.primary_ip6 if self.primary_ip6_id else self.primary_ip4

    def vc_interface_filter(self) -> models.Q:
        """Interfaces of this device, and of every member when it is the master of a virtual chassis."""
        condition = models.Q(device=self.pk)
        if self.virtual_chassis_id and self.virtual_chassis.master_id == self.pk:
            condition |= models.Q(device__virtual_chassis=self.virtual_chassis_id)
        return condition

    def _primary_ip_errors(self) -> dict:
        return primary_ip_errors(self, Interface.objects.filter(self.vc_interface_filter()), "interface", "device")


# What occupies a rack's units (read by `Device.clean`'s clash check and by `nautobot.dcim.selectors`).


def rack_devices(rack: models.Model, face: str = DeviceFaceChoices.FACE_FRONT, exclude=None) -> models.QuerySet:
    """Devices mounted in `rack` that are seen from `face` (full-depth devices are seen from both faces)."""
    devices = Device.objects.select_related("device_type", "device_type__manufacturer", "device_role").filter(
        rack=rack, position__gt=0, device_type__u_height__gt=0
    )
    if face:
        devices = devices.filter(models.Q(face=face) | models.Q(device_type__is_full_depth=True))
    if exclude is not None:
        devices = devices.exclude(pk=exclude)
    return devices


def occupied_units(rack: models.Model, face: str, exclude=None) -> dict[int, Device]:
    """Unit number -> the device occupying it on `face`."""
    units = {}
    for device in rack_devices(rack, face, exclude):
        for unit in range(device.position, device.position + device.device_type.u_height):
            units[unit] = device
    return units
