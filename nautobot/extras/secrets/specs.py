"""Specs of secrets, secrets groups and their associations (registered, in the extras' order, by
`nautobot.extras.specs`)."""

from nautobot.core.specs import ObjectSpec
from nautobot.extras.secrets.api import (
    SecretSerializerBase,
    SecretsGroupAssociationSerializerBase,
    SecretsGroupSerializerBase,
    SecretViewSetBase,
)
from nautobot.extras.secrets.models import Secret, SecretsGroup, SecretsGroupAssociation

COMMON = ("custom_fields", "created", "last_updated")


class SecretSpec(ObjectSpec):
    model = Secret
    api_fields = ("name", "slug", "description", "provider", "parameters", "tags", *COMMON)
    filter_fields = ("name", "slug", "provider")
    search_fields = ("name", "slug", "description", "provider")
    serializer_base = SecretSerializerBase
    viewset_base = SecretViewSetBase  # `<id>/check/`
    list_columns = ("name", "provider", "description")
    form_fields = ("name", "slug", "description", "provider", "parameters", "tags")
    menu_group = "Secrets"


class SecretsGroupSpec(ObjectSpec):
    model = SecretsGroup
    api_fields = ("name", "slug", "description", "secrets", *COMMON)
    read_only_fields = ("secrets",)
    filter_fields = ("name", "slug")
    search_fields = ("name", "slug", "description")
    serializer_base = SecretsGroupSerializerBase
    extra_prefetch_related = ("secretsgroupassociation_set__secret",)
    list_columns = ("name", "description")
    form_fields = ("name", "slug", "description")
    detail_fields = ("name", "slug", "description", *COMMON)
    detail_tables = ("secretsgroupassociation_set",)
    menu_group = "Secrets"


class SecretsGroupAssociationSpec(ObjectSpec):
    model = SecretsGroupAssociation
    endpoint = "secrets-groups-associations"
    api_fields = ("group", "access_type", "secret_type", "secret")
    brief_fields = ("access_type", "secret_type", "secret")
    filter_fields = (
        "group",
        ("group_id", "group__id"),
        "secret",
        ("secret_id", "secret__id"),
        "access_type",
        "secret_type",
    )
    search_fields = ()
    slug_source = None
    serializer_base = SecretsGroupAssociationSerializerBase
    list_columns = ("group", "access_type", "secret_type", "secret")
    menu_group = None  # managed from its group's page
    ui_views = ("list", "detail", "add", "edit", "delete", "bulk_delete")
