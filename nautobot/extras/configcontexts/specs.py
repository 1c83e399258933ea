"""Specs of config context schemas and config contexts (registered, in the extras' order, by `nautobot.extras.specs`)."""

from nautobot.core.specs import ObjectSpec
from nautobot.extras.api.serializers import OwnedSerializerBase
from nautobot.extras.configcontexts.models import ConfigContext, ConfigContextSchema
from nautobot.extras.owners import OWNER_FIELDS

COMMON = ("custom_fields", "created", "last_updated")


class ConfigContextSchemaSpec(ObjectSpec):
    model = ConfigContextSchema
    api_fields = ("name", "slug", *OWNER_FIELDS, "description", "data_schema", *COMMON)
    filter_fields = ("name", "slug", "description", "owner_object_id", "owner_content_type")
    # Unknown values match nothing here, as in the original.
    unchecked_filters = ("owner_content_type", "owner_content_type__n")
    search_fields = ("name", "slug", "description")
    serializer_base = OwnedSerializerBase
    extra_prefetch_related = ("owner",)


# Scope relations of a config context, each filterable by slug (`region=`) and id (`region_id=`).
CONTEXT_SCOPES = (
    ("region", "regions"),
    ("site", "sites"),
    ("location", "locations"),
    ("role", "roles"),
    ("device_type", "device_types"),
    ("platform", "platforms"),
    ("cluster_group", "cluster_groups"),
    ("cluster", "clusters"),
    ("tenant_group", "tenant_groups"),
    ("tenant", "tenants"),
)


class ConfigContextSpec(ObjectSpec):
    model = ConfigContext
    api_fields = (
        "name",
        *OWNER_FIELDS,
        "weight",
        "description",
        "schema",
        "is_active",
        *(scope for _, scope in CONTEXT_SCOPES),
        "tags",
        "dynamic_groups",
        "data",
        "created",
        "last_updated",
    )
    brief_fields = ("name",)
    filter_fields = (
        "name",
        "weight",
        "is_active",
        "schema",
        "owner_object_id",
        "owner_content_type",
        *CONTEXT_SCOPES,
        ("dynamic_groups", "dynamic_groups"),
    )
    # Unknown values match nothing here, as in the original.
    unchecked_filters = ("owner_content_type", "owner_content_type__n")
    search_fields = ("name", "description")
    serializer_base = OwnedSerializerBase
    extra_prefetch_related = (
        "owner",
        "tags",
        "dynamic_groups",
    )  # `tags` is a plain many-to-many here (a scope), not taggit's
