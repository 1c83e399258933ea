"""Every app's ORM builders in one module, for the core's tests (which exercise the whole system)."""

from nautobot.circuits.tests.builders import *  # noqa: F403
from nautobot.virtualization.tests.builders import *  # noqa: F403
