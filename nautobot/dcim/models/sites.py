"""Regions, sites, location types and locations."""

import zoneinfo

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from nautobot.core.models import NameSlugDescriptionModel, OrganizationalModel, PrimaryModel
from nautobot.core.models.ordering import NaturalOrderingField
from nautobot.core.models.trees import TreeModel
from nautobot.extras.models import StatusField

__all__ = ("Region", "Site", "LocationType", "Location")


def validate_time_zone(value: str) -> None:
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not a known time zone (e.g. Europe/Paris, America/New_York, UTC).")


class AddressFields(models.Model):
    facility = models.CharField(max_length=50, blank=True)
    asn = models.BigIntegerField(
        blank=True,
        null=True,
        verbose_name="ASN",
        help_text="32-bit autonomous system number",
        validators=[MinValueValidator(1), MaxValueValidator(4294967295)],
    )
    time_zone = models.CharField(max_length=63, blank=True, validators=[validate_time_zone])
    description = models.CharField(max_length=200, blank=True)
    physical_address = models.TextField(blank=True)
    shipping_address = models.TextField(blank=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=6, blank=True, null=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, blank=True, null=True)
    contact_name = models.CharField(max_length=50, blank=True)
    contact_phone = models.CharField(max_length=20, blank=True)
    contact_email = models.EmailField(blank=True)
    comments = models.TextField(blank=True)

    class Meta:
        abstract = True


class Region(TreeModel, NameSlugDescriptionModel, OrganizationalModel):
    class Meta:
        ordering = ("name",)


class Site(AddressFields, PrimaryModel):
    name = models.CharField(max_length=100, unique=True)
    _name = NaturalOrderingField("name")
    slug = models.SlugField(max_length=100, unique=True)
    status = StatusField()
    region = models.ForeignKey(Region, on_delete=models.SET_NULL, related_name="sites", blank=True, null=True)
    tenant = models.ForeignKey("tenancy.Tenant", on_delete=models.PROTECT, related_name="sites", blank=True, null=True)

    class Meta:
        ordering = ("_name",)

    def __str__(self) -> str:
        return self.name


class LocationType(TreeModel, NameSlugDescriptionModel, OrganizationalModel):
    nestable = models.BooleanField(
        default=False,
        help_text="Allow locations of this type to be parents/children of other locations of this same type",
    )
    content_types = models.ManyToManyField(ContentType, related_name="location_types", blank=True)

    class Meta:
        ordering = ("name",)


class Location(TreeModel, AddressFields, PrimaryModel):
    name = models.CharField(max_length=100)
    _name = NaturalOrderingField("name")
    slug = models.SlugField(max_length=100, unique=True)
    location_type = models.ForeignKey(LocationType, on_delete=models.PROTECT, related_name="locations")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="locations", blank=True, null=True)
    status = StatusField()
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="locations", blank=True, null=True
    )

    class Meta:
        ordering = ("_name",)
        unique_together = [["parent", "name"]]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.location_type_id is None:
            return
        parent_type = self.location_type.parent
        if self.parent_id is not None:
            allowed = {parent_type.pk} if parent_type else set()
            if self.location_type.nestable:
                allowed.add(self.location_type_id)
            if self.parent.location_type_id not in allowed:
                raise ValidationError(
                    {
                        "parent": f"A location of type {self.location_type} cannot have a parent of type {self.parent.location_type}."
                    }
                )
        elif parent_type is not None:
            raise ValidationError(
                {
                    "parent": f"A location of type {self.location_type} must have a parent location of type {parent_type}."
                }
            )
        if self.parent_id is None and self.site_id is None:
            raise ValidationError({"site": "A top-level location must belong to a site."})
        if self.parent_id is not None and self.site_id is not None and self.parent.site_id not in (None, self.site_id):
            raise ValidationError({"site": "A location must belong to the same site as its parent."})
