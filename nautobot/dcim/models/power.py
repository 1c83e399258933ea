"""Power panels and the power feeds that leave them (a feed is cabled to a device's power port)."""

import math

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from nautobot.core.models import PrimaryModel
from nautobot.dcim.choices import PowerFeedPhaseChoices, PowerFeedSupplyChoices, PowerFeedTypeChoices
from nautobot.dcim.models.cables import CableTermination, PathEndpoint
from nautobot.extras.models import StatusField

__all__ = ("PowerPanel", "PowerFeed")


class PowerPanel(PrimaryModel):
    site = models.ForeignKey("dcim.Site", on_delete=models.PROTECT, related_name="powerpanels")
    location = models.ForeignKey(
        "dcim.Location", on_delete=models.PROTECT, related_name="powerpanels", blank=True, null=True
    )
    rack_group = models.ForeignKey(
        "dcim.RackGroup", on_delete=models.PROTECT, related_name="powerpanels", blank=True, null=True
    )
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ("site", "name")
        unique_together = [["site", "name"]]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.rack_group_id and self.site_id and self.rack_group.site_id != self.site_id:
            raise ValidationError(
                {
                    "rack_group": f"Rack group {self.rack_group} ({self.rack_group.site}) is in a different site than {self.site}."
                }
            )
        if self.location_id and self.site_id and self.location.site_id not in (None, self.site_id):
            raise ValidationError({"location": f"Location {self.location} does not belong to site {self.site}."})


class PowerFeed(PrimaryModel, CableTermination, PathEndpoint):
    power_panel = models.ForeignKey(PowerPanel, on_delete=models.PROTECT, related_name="powerfeeds")
    rack = models.ForeignKey("dcim.Rack", on_delete=models.PROTECT, related_name="powerfeeds", blank=True, null=True)
    name = models.CharField(max_length=100)
    status = StatusField()
    type = models.CharField(
        max_length=50, choices=PowerFeedTypeChoices.choices, default=PowerFeedTypeChoices.TYPE_PRIMARY
    )
    supply = models.CharField(
        max_length=50, choices=PowerFeedSupplyChoices.choices, default=PowerFeedSupplyChoices.SUPPLY_AC
    )
    phase = models.CharField(
        max_length=50, choices=PowerFeedPhaseChoices.choices, default=PowerFeedPhaseChoices.PHASE_SINGLE
    )
    voltage = models.SmallIntegerField(default=120)
    amperage = models.PositiveSmallIntegerField(default=20, validators=[MinValueValidator(1)])
    max_utilization = models.PositiveSmallIntegerField(
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Maximum permissible draw (percentage)",
    )
    comments = models.TextField(blank=True)

    class Meta:
        ordering = ("power_panel", "name")
        unique_together = [["power_panel", "name"]]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.rack_id and self.power_panel_id and self.rack.site_id != self.power_panel.site_id:
            errors["rack"] = (
                f"Rack {self.rack} ({self.rack.site}) and power panel {self.power_panel} ({self.power_panel.site}) are in different sites."
            )
        if self.voltage is not None and self.voltage < 0 and self.supply == PowerFeedSupplyChoices.SUPPLY_AC:
            errors["voltage"] = "Voltage cannot be negative for an AC supply."
        if self.voltage == 0:
            errors["voltage"] = "Voltage cannot be zero."
        if errors:
            raise ValidationError(errors)

    @property
    def available_power(self) -> int:
        """Watts this feed can deliver: volts × amps × max utilization (× √3 for three-phase)."""
        watts = abs(self.voltage or 0) * (self.amperage or 0) * (self.max_utilization or 0) / 100
        if self.phase == PowerFeedPhaseChoices.PHASE_3PHASE:
            watts *= math.sqrt(3)
        return round(watts)
