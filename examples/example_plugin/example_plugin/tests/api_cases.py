"""Create payloads of the plugin's models, for Nautobot's API contract suite."""

from example_plugin.models import Widget
from nautobot.dcim.tests import builders as b
from nautobot.core.testing.api import register_case

register_case(
    Widget, lambda: {"name": b.unique("widget"), "site": str(b.site().pk), "size": 3}, update=lambda: {"size": 7}
)
