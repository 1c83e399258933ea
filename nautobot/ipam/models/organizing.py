"""Regional internet registries, IPAM roles, route targets and VRFs."""

from django.db import models

from nautobot.core.models import NameSlugDescriptionModel, OrganizationalModel, PrimaryModel

__all__ = ("RIR", "Role", "RouteTarget", "VRF")


class RIR(NameSlugDescriptionModel, OrganizationalModel):
    """A regional internet registry (or a private space such as RFC 1918) that aggregates come from."""

    is_private = models.BooleanField(
        default=False, verbose_name="Private", help_text="IP space managed by this RIR is private"
    )

    class Meta:
        ordering = ("name",)
        verbose_name = "RIR"
        verbose_name_plural = "RIRs"


class Role(NameSlugDescriptionModel, OrganizationalModel):
    """The function of a prefix or VLAN (e.g. "Access", "Management"), ordered by weight."""

    weight = models.PositiveSmallIntegerField(default=1000)

    class Meta:
        ordering = ("weight", "name")


class RouteTarget(PrimaryModel):
    """A BGP extended community (RFC 4360) that VRFs import and export."""

    name = models.CharField(
        max_length=21, unique=True, help_text="Route target value (formatted in accordance with RFC 4360)"
    )
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="route_targets", blank=True, null=True
    )
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class VRF(PrimaryModel):
    """A routing table; prefixes and addresses outside any VRF are in the global table."""

    name = models.CharField(max_length=100)
    rd = models.CharField(max_length=21, unique=True, blank=True, null=True, verbose_name="Route distinguisher")
    tenant = models.ForeignKey("tenancy.Tenant", on_delete=models.PROTECT, related_name="vrfs", blank=True, null=True)
    enforce_unique = models.BooleanField(
        default=True,
        verbose_name="Enforce unique space",
        help_text="Prevent duplicate prefixes/IP addresses within this VRF",
    )
    description = models.CharField(max_length=200, blank=True)
    import_targets = models.ManyToManyField(RouteTarget, related_name="importing_vrfs", blank=True)
    export_targets = models.ManyToManyField(RouteTarget, related_name="exporting_vrfs", blank=True)

    class Meta:
        ordering = ("name", "rd")
        verbose_name = "VRF"
        verbose_name_plural = "VRFs"

    def __str__(self) -> str:
        return self.name

    @property
    def display(self) -> str:
        return f"{self.name} ({self.rd})" if self.rd else self.name

    def save(self, *args, **kwargs) -> None:
        if self.rd == "":
            self.rd = None  # "no RD" is NULL, so that many VRFs can lack one despite the unique index
        super().save(*args, **kwargs)
