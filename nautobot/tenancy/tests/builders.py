"""ORM builders for tenancy test data (tenant groups and tenants): each call makes a new, valid object with unique names.

The builders of the apps below (`nautobot.extras.tests.builders`) are re-exported, so that a test imports one module.
"""

from nautobot.tenancy.models import Tenant, TenantGroup
from nautobot.extras.tests.builders import *  # noqa: F403  (the builders below, re-exported)
from nautobot.extras.tests.builders import unique


def tenant_group(**kw):
    name = unique("tenant-group")
    return TenantGroup.objects.create(name=name, slug=name, **kw)


def tenant(**kw):
    name = unique("tenant")
    return Tenant.objects.create(name=name, slug=name, **kw)
