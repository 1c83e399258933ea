from django.db import models

from nautobot.core.models import PrimaryModel


class Widget(PrimaryModel):
    """Something a network team keeps per site."""

    name = models.CharField(max_length=100, unique=True)
    site = models.ForeignKey(
        "dcim.Site", on_delete=models.CASCADE, related_name="example_widgets", blank=True, null=True
    )
    size = models.PositiveIntegerField(default=1)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name
