"""Specs of the tenancy models."""

from nautobot.core.specs import ObjectSpec, register_spec
from nautobot.tenancy.models import Tenant, TenantGroup

COMMON = ("custom_fields", "created", "last_updated")


@register_spec
class TenantGroupSpec(ObjectSpec):
    model = TenantGroup
    api_fields = ("name", "slug", "parent", "description", "tenant_count", "_depth", *COMMON)
    brief_fields = ("name", "slug", "_depth")
    counts = {"tenant_count": "tenants"}
    filter_fields = ("name", "slug", "description", "parent")
    search_fields = ("name", "slug", "description")


@register_spec
class TenantSpec(ObjectSpec):
    model = Tenant
    api_fields = ("name", "slug", "group", "description", "comments", "tags", *COMMON)
    filter_fields = ("name", "slug", "description", "group")
    search_fields = ("name", "slug", "description", "comments")
