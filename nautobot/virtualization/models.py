"""Clusters (with their types and groups), the virtual machines they run, and VM interfaces."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from nautobot.core.models import NameSlugDescriptionModel, OrganizationalModel, PrimaryModel
from nautobot.core.models.ordering import NaturalOrderingField
from nautobot.dcim.choices import InterfaceModeChoices
from nautobot.dcim.models.components import normalize_mac
from nautobot.dcim.validation import primary_ip_errors
from nautobot.extras.models import ConfigContextModel, StatusField
from nautobot.core.runtime_settings import get_settings_or_config

__all__ = ("ClusterType", "ClusterGroup", "Cluster", "VirtualMachine", "VMInterface")


class ClusterType(NameSlugDescriptionModel, OrganizationalModel):
    class Meta:
        ordering = ("name",)


class ClusterGroup(NameSlugDescriptionModel, OrganizationalModel):
    class Meta:
        ordering = ("name",)


class Cluster(PrimaryModel):
    """A cluster of hosts (devices) running virtual machines, optionally at a site or location."""

    name = models.CharField(max_length=100, unique=True)
    _name = NaturalOrderingField("name")
    type = models.ForeignKey(ClusterType, on_delete=models.PROTECT, related_name="clusters")
    group = models.ForeignKey(ClusterGroup, on_delete=models.PROTECT, related_name="clusters", blank=True, null=True)
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="clusters", blank=True, null=True
    )
    site = models.ForeignKey("dcim.Site", on_delete=models.PROTECT, related_name="clusters", blank=True, null=True)
    location = models.ForeignKey(
        "dcim.Location", on_delete=models.PROTECT, related_name="clusters", blank=True, null=True
    )
    comments = models.TextField(blank=True)

    class Meta:
        ordering = ("_name",)

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.location_id and self.site_id and self.location.site_id not in (None, self.site_id):
            raise ValidationError({"location": f"Location {self.location} does not belong to site {self.site}."})
        if self.site_id and not self._state.adding:
            elsewhere = self.devices.exclude(site_id=self.site_id).count()
            if elsewhere:
                raise ValidationError(
                    {"site": f"{elsewhere} device(s) of this cluster are not in site {self.site}; move them first."}
                )


class VirtualMachine(ConfigContextModel, PrimaryModel):
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="virtual_machines")
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="virtual_machines", blank=True, null=True
    )
    platform = models.ForeignKey(
        "dcim.Platform", on_delete=models.SET_NULL, related_name="virtual_machines", blank=True, null=True
    )
    name = models.CharField(max_length=64)
    _name = NaturalOrderingField("name")
    status = StatusField()
    role = models.ForeignKey(
        "dcim.DeviceRole", on_delete=models.PROTECT, related_name="virtual_machines", blank=True, null=True
    )
    vcpus = models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="vCPUs")
    memory = models.PositiveIntegerField(blank=True, null=True, verbose_name="Memory (MB)")
    disk = models.PositiveIntegerField(blank=True, null=True, verbose_name="Disk (GB)")
    primary_ip4 = models.OneToOneField(
        "ipam.IPAddress",
        on_delete=models.SET_NULL,
        related_name="+",
        blank=True,
        null=True,
        verbose_name="Primary IPv4",
    )
    primary_ip6 = models.OneToOneField(
        "ipam.IPAddress",
        on_delete=models.SET_NULL,
        related_name="+",
        blank=True,
        null=True,
        verbose_name="Primary IPv6",
    )
    comments = models.TextField(blank=True)

    class Meta:
        ordering = ("_name", "pk")
        unique_together = [["cluster", "tenant", "name"]]

    def __str__(self) -> str:
        return self.name

    @property
    def site(self):
        """The site of the VM's cluster (a VM has no site of its own)."""
        return self.cluster.site if self.cluster_id else None

    @property
    def location(self):
        """The location of the VM's cluster (a VM has no location of its own)."""
        return self.cluster.location if self.cluster_id else None

    @property
    def location_id(self):
        return self.cluster.location_id if self.cluster_id else None

    @property
    def primary_ip(self):
        """The primary IPv6 address, or IPv4 when there is none or `PREFER_IPV4` is set."""
        if get_settings_or_config("PREFER_IPV4") and self.primary_ip4_id:
            return self.primary_ip4
        return self.primary_ip6 if self.primary_ip6_id else self.primary_ip4

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.role_id and not self.role.vm_role:
            errors["role"] = f"Role {self.role} is not a VM role; choose a role whose vm_role is true."
        errors.update(self._primary_ip_errors())
        if self.cluster_id and self.tenant_id is None and self.name:
            clash = VirtualMachine.objects.filter(cluster_id=self.cluster_id, tenant__isnull=True, name=self.name)
            if clash.exclude(pk=self.pk).exists():
                errors["name"] = f"A virtual machine named {self.name} already exists in cluster {self.cluster}."
        if errors:
            raise ValidationError(errors)

    def _primary_ip_errors(self) -> dict:
        return primary_ip_errors(
            self, VMInterface.objects.filter(virtual_machine=self.pk), "vminterface", "virtual machine"
        )


class VMInterface(PrimaryModel):
    virtual_machine = models.ForeignKey(VirtualMachine, on_delete=models.CASCADE, related_name="interfaces")
    name = models.CharField(max_length=64)
    _name = NaturalOrderingField("name")
    enabled = models.BooleanField(default=True)
    mtu = models.PositiveIntegerField(
        blank=True, null=True, validators=[MinValueValidator(1), MaxValueValidator(65536)], verbose_name="MTU"
    )
    mac_address = models.CharField(max_length=18, blank=True, null=True, verbose_name="MAC address")
    description = models.CharField(max_length=200, blank=True)
    mode = models.CharField(max_length=50, choices=InterfaceModeChoices.choices, blank=True)
    parent_interface = models.ForeignKey(
        "self", on_delete=models.SET_NULL, related_name="child_interfaces", blank=True, null=True
    )
    bridge = models.ForeignKey(
        "self", on_delete=models.SET_NULL, related_name="bridged_interfaces", blank=True, null=True
    )
    untagged_vlan = models.ForeignKey(
        "ipam.VLAN",
        on_delete=models.SET_NULL,
        related_name="vminterfaces_as_untagged",
        blank=True,
        null=True,
        verbose_name="Untagged VLAN",
    )
    tagged_vlans = models.ManyToManyField(
        "ipam.VLAN", related_name="vminterfaces_as_tagged", blank=True, verbose_name="Tagged VLANs"
    )
    status = StatusField()

    class Meta:
        ordering = ("virtual_machine", "_name")
        unique_together = [["virtual_machine", "name"]]
        verbose_name = "VM interface"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors = {}
        try:
            self.mac_address = normalize_mac(self.mac_address)
        except ValidationError as exc:
            errors["mac_address"] = exc.messages
        for name in ("parent_interface", "bridge"):
            other = getattr(self, name)
            if other is None:
                continue
            if other.pk == self.pk:
                errors[name] = f"An interface cannot be its own {name.replace('_', ' ')}."
            elif other.virtual_machine_id != self.virtual_machine_id:
                errors[name] = (
                    f"The selected {name.replace('_', ' ')} ({other}) belongs to a different virtual machine "
                    f"({other.virtual_machine})."
                )
        if self.untagged_vlan_id and self.untagged_vlan.site_id not in (None, self.virtual_machine.cluster.site_id):
            errors["untagged_vlan"] = (
                f"The untagged VLAN ({self.untagged_vlan}) must belong to the same site as the interface's parent "
                "virtual machine, or it must be global."
            )
        if errors:
            raise ValidationError(errors)
