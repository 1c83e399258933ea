"""1.x `nautobot.dcim.models.locations`."""

from nautobot.dcim.models.sites import Location, LocationType

__all__ = ["Location", "LocationType"]
