"""Exchange roles and internet exchanges, declared the Nautobot 1.x way."""

from django.db import models

from nautobot.core.fields import AutoSlugField
from nautobot.core.models.generics import OrganizationalModel, PrimaryModel
from nautobot.dcim.fields import ASNField
from nautobot.extras.models import StatusModel
from nautobot.extras.utils import extras_features
from nautobot.utilities.choices import ColorChoices
from nautobot.utilities.fields import ColorField


@extras_features(
    "custom_fields",
    "custom_links",
    "custom_validators",
    "export_templates",
    "graphql",
    "relationships",
    "webhooks",
)
class ExchangeRole(OrganizationalModel):
    """What an exchange is for (public peering, private interconnect...)."""

    name = models.CharField(max_length=100, unique=True)
    slug = AutoSlugField(populate_from="name")
    color = ColorField(default=ColorChoices.COLOR_GREY)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


@extras_features(
    "custom_fields",
    "custom_links",
    "custom_validators",
    "export_templates",
    "graphql",
    "relationships",
    "statuses",
    "webhooks",
)
class Exchange(PrimaryModel, StatusModel):
    """An internet exchange point where we peer, with its route servers' AS number."""

    name = models.CharField(max_length=100, unique=True)
    slug = AutoSlugField(populate_from="name")
    asn = ASNField(unique=True, verbose_name="ASN", help_text="AS number of the route servers")
    role = models.ForeignKey(to=ExchangeRole, on_delete=models.PROTECT, related_name="exchanges", blank=True, null=True)
    site = models.ForeignKey(to="dcim.Site", on_delete=models.PROTECT, related_name="exchanges", blank=True, null=True)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "Internet exchange"

    def __str__(self):
        return self.name
