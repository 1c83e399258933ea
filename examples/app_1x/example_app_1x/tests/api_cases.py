"""Create payloads of the app's models, for Nautobot's API contract suite (which its derived specs join)."""

import itertools

from example_app_1x.models import Exchange, ExchangeRole
from nautobot.core.testing.api import register_case
from nautobot.dcim.tests import builders as b

_asns = itertools.count(64512)

register_case(ExchangeRole, lambda: {"name": b.unique("role")}, update=lambda: {"color": "ff0000"})
register_case(
    Exchange,
    lambda: {"name": b.unique("ix"), "asn": next(_asns), "status": "active", "site": str(b.site().pk)},
    update=lambda: {"description": "updated"},
)
