"""1.x `nautobot.dcim.models.device_components`: the components of devices."""

from nautobot.dcim.models.components import (
    ConsolePort,
    ConsoleServerPort,
    DeviceBay,
    FrontPort,
    Interface,
    InventoryItem,
    PowerOutlet,
    PowerPort,
    RearPort,
)

__all__ = [
    "ConsolePort",
    "ConsoleServerPort",
    "DeviceBay",
    "FrontPort",
    "Interface",
    "InventoryItem",
    "PowerOutlet",
    "PowerPort",
    "RearPort",
]
