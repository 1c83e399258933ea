"""Providers, their networks, circuit types, circuits and circuit terminations (the cable-able ends of a circuit)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from nautobot.circuits.choices import CircuitTerminationSideChoices
from nautobot.core.models import NameSlugDescriptionModel, OrganizationalModel, PrimaryModel
from nautobot.dcim.models import CableTermination, PathEndpoint
from nautobot.extras.models import StatusField

__all__ = ("Provider", "ProviderNetwork", "CircuitType", "Circuit", "CircuitTermination")


class Provider(PrimaryModel):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    asn = models.BigIntegerField(
        blank=True, null=True, verbose_name="ASN", validators=[MinValueValidator(1), MaxValueValidator(4294967295)]
    )
    account = models.CharField(max_length=100, blank=True, verbose_name="Account number")
    portal_url = models.URLField(blank=True, verbose_name="Portal")
    noc_contact = models.TextField(blank=True, verbose_name="NOC contact")
    admin_contact = models.TextField(blank=True, verbose_name="Admin contact")
    comments = models.TextField(blank=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class ProviderNetwork(PrimaryModel):
    """A provider's network that a circuit can end in (instead of a site), e.g. an MPLS cloud."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="provider_networks")
    description = models.CharField(max_length=200, blank=True)
    comments = models.TextField(blank=True)

    class Meta:
        ordering = ("provider", "name")
        unique_together = [["provider", "name"]]

    def __str__(self) -> str:
        return self.name


class CircuitType(NameSlugDescriptionModel, OrganizationalModel):
    class Meta:
        ordering = ("name",)


class Circuit(PrimaryModel):
    """A communications circuit from a provider; `termination_a`/`termination_z` point at its two ends (kept by services)."""

    cid = models.CharField(max_length=100, verbose_name="Circuit ID")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="circuits")
    type = models.ForeignKey(CircuitType, on_delete=models.PROTECT, related_name="circuits")
    status = StatusField()
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="circuits", blank=True, null=True
    )
    install_date = models.DateField(blank=True, null=True, verbose_name="Date installed")
    commit_rate = models.PositiveIntegerField(blank=True, null=True, verbose_name="Commit rate (Kbps)")
    description = models.CharField(max_length=200, blank=True)
    comments = models.TextField(blank=True)
    termination_a = models.ForeignKey(
        "circuits.CircuitTermination",
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        blank=True,
        null=True,
    )
    termination_z = models.ForeignKey(
        "circuits.CircuitTermination",
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        blank=True,
        null=True,
    )

    class Meta:
        ordering = ("provider", "cid")
        unique_together = [["provider", "cid"]]

    def __str__(self) -> str:
        return self.cid


class CircuitTermination(PrimaryModel, CableTermination, PathEndpoint):
    """One end (A or Z) of a circuit: at a site or location, or in a provider network; cable-able like an interface."""

    circuit = models.ForeignKey(Circuit, on_delete=models.CASCADE, related_name="terminations")
    term_side = models.CharField(
        max_length=1, choices=CircuitTerminationSideChoices.choices, verbose_name="Termination"
    )
    site = models.ForeignKey(
        "dcim.Site", on_delete=models.PROTECT, related_name="circuit_terminations", blank=True, null=True
    )
    location = models.ForeignKey(
        "dcim.Location", on_delete=models.PROTECT, related_name="circuit_terminations", blank=True, null=True
    )
    provider_network = models.ForeignKey(
        ProviderNetwork, on_delete=models.PROTECT, related_name="circuit_terminations", blank=True, null=True
    )
    port_speed = models.PositiveIntegerField(blank=True, null=True, verbose_name="Port speed (Kbps)")
    upstream_speed = models.PositiveIntegerField(
        blank=True,
        null=True,
        verbose_name="Upstream speed (Kbps)",
        help_text="Upstream speed, if different from port speed",
    )
    xconnect_id = models.CharField(max_length=50, blank=True, verbose_name="Cross-connect ID")
    pp_info = models.CharField(max_length=100, blank=True, verbose_name="Patch panel/port(s)")
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("circuit", "term_side")
        unique_together = [["circuit", "term_side"]]

    def __str__(self) -> str:
        return f"Termination {self.term_side}: {self.site or self.location or self.provider_network}"

    def clean(self) -> None:
        super().clean()
        placed = bool(self.site_id or self.location_id)
        if placed and self.provider_network_id:
            raise ValidationError(
                "A circuit termination cannot attach to both a site or location and a provider network; choose one."
            )
        if not placed and not self.provider_network_id:
            raise ValidationError("A circuit termination must attach to a site, a location or a provider network.")
        if self.site_id and self.location_id and self.location.site_id not in (None, self.site_id):
            raise ValidationError({"location": f"Location {self.location} does not belong to site {self.site}."})
        if self.provider_network_id and self.cable_id:
            raise ValidationError(
                {
                    "provider_network": f"This termination has a cable ({self.cable}); delete it before moving it to a provider network."
                }
            )

    def peer_termination(self) -> "CircuitTermination | None":
        """The termination at the other end of the circuit (Z for A, A for Z), if there is one."""
        other = CircuitTerminationSideChoices.SIDE_Z if self.term_side == CircuitTerminationSideChoices.SIDE_A else "A"
        return (
            CircuitTermination.objects.select_related("cable__status", "provider_network")
            .filter(circuit_id=self.circuit_id, term_side=other)
            .first()
        )
