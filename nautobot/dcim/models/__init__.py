"""DCIM models: where things are (sites, locations, racks) and what they are (device types, devices, components)."""

from nautobot.dcim.models.cables import *  # noqa: F401,F403
from nautobot.dcim.models.components import *  # noqa: F401,F403
from nautobot.dcim.models.devices import *  # noqa: F401,F403
from nautobot.dcim.models.power import *  # noqa: F401,F403
from nautobot.dcim.models.racks import *  # noqa: F401,F403
from nautobot.dcim.models.redundancy import *  # noqa: F401,F403
from nautobot.dcim.models.sites import *  # noqa: F401,F403
