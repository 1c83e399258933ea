"""Redundancy groups (1.5, 1.6): devices that fail over to each other (a firewall pair, a router cluster), and
interfaces that share a virtual address through a first-hop redundancy protocol (HSRP, VRRP...)."""

from django.db import models

from nautobot.core.models import BaseModel, ChangeLoggedModel, PrimaryModel
from nautobot.dcim.choices import DeviceRedundancyGroupFailoverStrategyChoices, InterfaceRedundancyGroupProtocolChoices
from nautobot.extras.models import StatusField

__all__ = ("DeviceRedundancyGroup", "InterfaceRedundancyGroup", "InterfaceRedundancyGroupAssociation")


class DeviceRedundancyGroup(PrimaryModel):
    """Devices grouped for high availability; each member has a `device_redundancy_group_priority`."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    status = StatusField()
    description = models.CharField(max_length=200, blank=True)
    failover_strategy = models.CharField(
        max_length=50, blank=True, choices=DeviceRedundancyGroupFailoverStrategyChoices.choices
    )
    comments = models.TextField(blank=True)
    secrets_group = models.ForeignKey(
        "extras.SecretsGroup", on_delete=models.SET_NULL, related_name="device_redundancy_groups", blank=True, null=True
    )

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    @property
    def members_sorted(self):
        """The member devices, by priority (1.x)."""
        return self.members.order_by("device_redundancy_group_priority")


class InterfaceRedundancyGroup(PrimaryModel):
    """Interfaces that back one another with a redundancy protocol, usually sharing `virtual_ip`."""

    name = models.CharField(max_length=100, unique=True)
    status = StatusField()
    description = models.CharField(max_length=200, blank=True)
    interfaces = models.ManyToManyField(
        "dcim.Interface",
        through="dcim.InterfaceRedundancyGroupAssociation",
        related_name="interface_redundancy_groups",
        blank=True,
    )
    protocol = models.CharField(
        max_length=50,
        blank=True,
        choices=InterfaceRedundancyGroupProtocolChoices.choices,
        verbose_name="Redundancy Protocol",
    )
    protocol_group_id = models.CharField(max_length=50, blank=True)
    secrets_group = models.ForeignKey(
        "extras.SecretsGroup",
        on_delete=models.SET_NULL,
        related_name="interface_redundancy_groups",
        blank=True,
        null=True,
    )
    virtual_ip = models.ForeignKey(
        "ipam.IPAddress",
        on_delete=models.CASCADE,
        related_name="interface_redundancy_groups",
        blank=True,
        null=True,
    )

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def add_interface(self, interface, priority: int):
        """Add `interface` with `priority` (1.x)."""
        association = InterfaceRedundancyGroupAssociation(
            interface_redundancy_group=self, interface=interface, priority=priority
        )
        association.validated_save()
        return association

    add_interface.alters_data = True

    def remove_interface(self, interface):
        """Remove `interface` (1.x)."""
        return InterfaceRedundancyGroupAssociation.objects.get(
            interface_redundancy_group=self, interface=interface
        ).delete()

    remove_interface.alters_data = True


class InterfaceRedundancyGroupAssociation(BaseModel, ChangeLoggedModel):
    """An interface's membership of an interface redundancy group, with its priority."""

    interface_redundancy_group = models.ForeignKey(
        InterfaceRedundancyGroup, on_delete=models.CASCADE, related_name="interface_redundancy_group_associations"
    )
    interface = models.ForeignKey(
        "dcim.Interface", on_delete=models.CASCADE, related_name="interface_redundancy_group_associations"
    )
    priority = models.PositiveSmallIntegerField()

    class Meta:
        unique_together = (("interface_redundancy_group", "interface"),)
        ordering = ("interface_redundancy_group", "-priority")

    def __str__(self) -> str:
        return f"{self.interface_redundancy_group}: {self.interface.device} {self.interface}: {self.priority}"
