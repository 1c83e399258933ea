"""VLAN groups and VLANs."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from nautobot.core.models import OrganizationalModel, PrimaryModel
from nautobot.extras.models import StatusField

__all__ = ("VLANGroup", "VLAN")


class VLANGroup(OrganizationalModel):
    """A set of VLANs whose IDs and names are unique within it, optionally tied to a site."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    site = models.ForeignKey("dcim.Site", on_delete=models.PROTECT, related_name="vlan_groups", blank=True, null=True)
    location = models.ForeignKey(
        "dcim.Location", on_delete=models.PROTECT, related_name="vlan_groups", blank=True, null=True
    )
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("site", "name", "pk")
        unique_together = [["site", "name"], ["site", "slug"]]
        verbose_name = "VLAN group"
        verbose_name_plural = "VLAN groups"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.location_id and self.site_id and self.location.site_id not in (None, self.site_id):
            raise ValidationError({"location": f"Location {self.location} does not belong to site {self.site}."})


class VLAN(PrimaryModel):
    """A layer-2 domain: an ID (1-4094) and a name, at a site, in a group, or global."""

    site = models.ForeignKey("dcim.Site", on_delete=models.PROTECT, related_name="vlans", blank=True, null=True)
    location = models.ForeignKey("dcim.Location", on_delete=models.PROTECT, related_name="vlans", blank=True, null=True)
    group = models.ForeignKey(VLANGroup, on_delete=models.PROTECT, related_name="vlans", blank=True, null=True)
    vid = models.PositiveSmallIntegerField(
        verbose_name="ID", validators=[MinValueValidator(1), MaxValueValidator(4094)]
    )
    name = models.CharField(max_length=64)
    tenant = models.ForeignKey("tenancy.Tenant", on_delete=models.PROTECT, related_name="vlans", blank=True, null=True)
    status = StatusField()
    role = models.ForeignKey("ipam.Role", on_delete=models.SET_NULL, related_name="vlans", blank=True, null=True)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("site", "group", "vid", "pk")
        unique_together = [["group", "vid"], ["group", "name"]]
        verbose_name = "VLAN"
        verbose_name_plural = "VLANs"

    def __str__(self) -> str:
        return self.name

    @property
    def display(self) -> str:
        return f"{self.vid} ({self.name})"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.group_id and self.group.site_id not in (None, self.site_id):
            errors["group"] = f"VLAN group must belong to the assigned site ({self.site})."
        if self.location_id and self.site_id and self.location.site_id not in (None, self.site_id):
            errors["location"] = f"Location {self.location} does not belong to site {self.site}."
        if errors:
            raise ValidationError(errors)
