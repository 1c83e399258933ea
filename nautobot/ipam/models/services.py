"""Services: named layer-4 ports listening on a device (or a virtual machine)."""

from django.core.exceptions import ValidationError
from django.db import models

from nautobot.core.models import PrimaryModel
from nautobot.ipam.choices import ServiceProtocolChoices

__all__ = ("Service", "SERVICE_PARENTS")

# The objects a service can run on (foreign keys of Service).
SERVICE_PARENTS: tuple[str, ...] = ("device", "virtual_machine")


def validate_ports(value) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError("Enter a list of one or more port numbers.")
    bad = [p for p in value if isinstance(p, bool) or not isinstance(p, int) or not 1 <= p <= 65535]
    if bad:
        raise ValidationError(f"Port numbers must be integers from 1 to 65535 (got {bad}).")


class Service(PrimaryModel):
    device = models.ForeignKey("dcim.Device", on_delete=models.CASCADE, related_name="services", blank=True, null=True)
    virtual_machine = models.ForeignKey(
        "virtualization.VirtualMachine", on_delete=models.CASCADE, related_name="services", blank=True, null=True
    )
    name = models.CharField(max_length=100)
    protocol = models.CharField(max_length=50, choices=ServiceProtocolChoices.choices)
    ports = models.JSONField(validators=[validate_ports], verbose_name="Port numbers")
    ipaddresses = models.ManyToManyField(
        "ipam.IPAddress", related_name="services", blank=True, verbose_name="IP addresses"
    )
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("protocol", "name", "pk")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_protocol_display()}/{', '.join(str(p) for p in self.ports or [])})"

    @property
    def parent(self):
        return next((getattr(self, name) for name in SERVICE_PARENTS if getattr(self, f"{name}_id") is not None), None)

    def clean(self) -> None:
        super().clean()
        parents = [name for name in SERVICE_PARENTS if getattr(self, f"{name}_id") is not None]
        if len(parents) > 1:
            raise ValidationError("A service cannot be associated with both a device and a virtual machine.")
        if not parents:
            raise ValidationError("A service must be associated with either a device or a virtual machine.")
