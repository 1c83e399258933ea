"""Rack groups, rack roles, racks and rack reservations."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from nautobot.core.models import NameSlugDescriptionModel, OrganizationalModel, PrimaryModel
from nautobot.core.models.ordering import NaturalOrderingField
from nautobot.core.models.trees import TreeModel
from nautobot.dcim.choices import RackDimensionUnitChoices, RackTypeChoices, RackWidthChoices
from nautobot.extras.models import ColorValidator, StatusField

__all__ = ("RackGroup", "RackRole", "Rack", "RackReservation")


class RackGroup(TreeModel, OrganizationalModel):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    site = models.ForeignKey("dcim.Site", on_delete=models.CASCADE, related_name="rack_groups")
    location = models.ForeignKey(
        "dcim.Location", on_delete=models.CASCADE, related_name="rack_groups", blank=True, null=True
    )
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("name",)
        unique_together = [["site", "name"]]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.parent_id and self.site_id and self.parent.site_id != self.site_id:
            raise ValidationError(
                {"parent": f"Parent rack group ({self.parent}) must belong to the same site ({self.site})."}
            )


class RackRole(NameSlugDescriptionModel, OrganizationalModel):
    color = models.CharField(max_length=6, default="9e9e9e", validators=[ColorValidator])

    class Meta:
        ordering = ("name",)


class Rack(PrimaryModel):
    name = models.CharField(max_length=100)
    _name = NaturalOrderingField("name")
    facility_id = models.CharField(max_length=50, blank=True, null=True, verbose_name="Facility ID")
    site = models.ForeignKey("dcim.Site", on_delete=models.PROTECT, related_name="racks")
    location = models.ForeignKey("dcim.Location", on_delete=models.PROTECT, related_name="racks", blank=True, null=True)
    group = models.ForeignKey(RackGroup, on_delete=models.SET_NULL, related_name="racks", blank=True, null=True)
    tenant = models.ForeignKey("tenancy.Tenant", on_delete=models.PROTECT, related_name="racks", blank=True, null=True)
    status = StatusField()
    role = models.ForeignKey(RackRole, on_delete=models.PROTECT, related_name="racks", blank=True, null=True)
    serial = models.CharField(max_length=255, blank=True, verbose_name="Serial number")
    asset_tag = models.CharField(max_length=50, blank=True, null=True, unique=True, verbose_name="Asset tag")
    type = models.CharField(max_length=50, choices=RackTypeChoices.choices, blank=True)
    width = models.PositiveSmallIntegerField(choices=RackWidthChoices.choices, default=RackWidthChoices.WIDTH_19IN)
    u_height = models.PositiveSmallIntegerField(
        default=42, validators=[MinValueValidator(1), MaxValueValidator(100)], verbose_name="Height (U)"
    )
    desc_units = models.BooleanField(default=False, verbose_name="Descending units")
    outer_width = models.PositiveSmallIntegerField(blank=True, null=True)
    outer_depth = models.PositiveSmallIntegerField(blank=True, null=True)
    outer_unit = models.CharField(max_length=50, choices=RackDimensionUnitChoices.choices, blank=True)
    comments = models.TextField(blank=True)

    class Meta:
        ordering = ("site", "group", "_name")
        unique_together = [["group", "name"], ["group", "facility_id"]]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.group_id and self.site_id and self.group.site_id != self.site_id:
            raise ValidationError({"group": f"Rack group must be from the same site, {self.site}."})
        if self.location_id and self.site_id and self.location.site_id not in (None, self.site_id):
            raise ValidationError({"location": f"Location {self.location} does not belong to site {self.site}."})
        if (self.outer_width or self.outer_depth) and not self.outer_unit:
            raise ValidationError({"outer_unit": "Must specify a unit when setting an outer width/depth"})

    @property
    def units(self) -> list[int]:
        units = range(1, self.u_height + 1)
        return list(units) if self.desc_units else list(reversed(units))


class RackReservation(PrimaryModel):
    rack = models.ForeignKey(Rack, on_delete=models.CASCADE, related_name="reservations")
    units = models.JSONField(default=list)
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="rackreservations", blank=True, null=True
    )
    user = models.ForeignKey("users.User", on_delete=models.PROTECT)
    description = models.CharField(max_length=200)

    class Meta:
        ordering = ("created",)

    def __str__(self) -> str:
        return f"Reservation for rack {self.rack}"

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.units, list) or not all(isinstance(u, int) for u in self.units):
            raise ValidationError({"units": "Units must be a list of unit numbers."})
        if self.rack_id and self.units:
            invalid = sorted(u for u in self.units if u not in self.rack.units)
            if invalid:
                raise ValidationError(
                    {"units": f"Invalid unit(s) for {self.rack.u_height}U rack: {', '.join(map(str, invalid))}"}
                )
