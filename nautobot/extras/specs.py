"""Specs of the extras models."""

from django.contrib.contenttypes.models import ContentType

from nautobot.core.api.views import ReadOnlyModelViewSet
from nautobot.core.specs import ObjectSpec, register_spec
from nautobot.extras.api.serializers import ContentTypeSerializerBase, OwnedSerializerBase
from nautobot.extras.customfields.api import CustomFieldSerializerBase
from nautobot.extras.exporttemplates.api import ExportTemplateSerializerBase
from nautobot.extras.notes.api import NoteSerializerBase
from nautobot.extras.tags.api import TagSerializerBase
from nautobot.extras.changelog import specs as changelog_specs  # noqa: F401  (registers its specs)
from nautobot.extras.webhooks import specs as webhook_specs  # noqa: F401  (registers its specs)
from nautobot.extras.datasources import specs as datasource_specs  # noqa: F401
from nautobot.extras.models import (
    ComputedField,
    ConfigContext,
    ConfigContextSchema,
    CustomField,
    CustomFieldChoice,
    ExportTemplate,
    Note,
    Relationship,
    RelationshipAssociation,
    Status,
    Tag,
)

COMMON = ("custom_fields", "created", "last_updated")


@register_spec
class StatusSpec(ObjectSpec):
    model = Status
    api_fields = ("content_types", "name", "slug", "color", "description", *COMMON)
    filter_fields = ("name", "slug", "color", "description", "content_types")
    search_fields = ("name", "slug", "description")


@register_spec
class TagSpec(ObjectSpec):
    model = Tag
    slug_source = None  # the original requires a tag's slug
    api_fields = ("name", "slug", "color", "description", "tagged_items", "content_types", *COMMON)
    brief_fields = ("name", "slug", "color")
    field_versions = {"content_types": ("1.3", None)}
    counts = {"tagged_items": "extras_taggeditem_items"}
    filter_fields = ("name", "slug", "color", "description", "content_types")
    search_fields = ("name", "slug", "description")
    serializer_base = TagSerializerBase


@register_spec
class CustomFieldSpec(ObjectSpec):
    model = CustomField
    slug_source = None  # API 1.2-1.3: the name (model's clean); 1.4+: required
    api_fields = (
        "content_types",
        "type",
        "name",
        "label",
        "slug",
        "description",
        "required",
        "filter_logic",
        "default",
        "weight",
        "validation_minimum",
        "validation_maximum",
        "validation_regex",
        "created",
        "last_updated",
    )
    brief_fields = ("name", "slug")
    filter_fields = ("name", "label", "slug", "type", "required", "filter_logic", "weight", "content_types")
    search_fields = ("name", "label", "description")
    extra_kwargs = {"label": {"required": False}, "slug": {"required": False}}
    field_versions = {"name": (None, "1.4")}  # from 1.4 a custom field is named by its slug
    serializer_base = CustomFieldSerializerBase


@register_spec
class CustomFieldChoiceSpec(ObjectSpec):
    model = CustomFieldChoice
    api_fields = ("field", "value", "weight", "created", "last_updated")
    brief_fields = ("value",)
    filter_fields = ("field", "value", "weight")
    search_fields = ("value",)
    menu_group = None


@register_spec
class ContentTypeSpec(ObjectSpec):
    model = ContentType
    api_app = "extras"
    endpoint = "content-types"
    api_fields = ("app_label", "model")
    brief_fields = ("app_label", "model")
    filter_fields = ("app_label", "model")
    search_fields = ("app_label", "model")
    serializer_base = ContentTypeSerializerBase
    viewset_base = ReadOnlyModelViewSet  # as the original's: content types are Django's, listed only
    ui_views = ("list", "detail")
    menu_group = None


@register_spec
class ComputedFieldSpec(ObjectSpec):
    model = ComputedField
    slug_source, slug_separator = "label", "_"
    api_fields = (
        "content_type",
        "slug",
        "label",
        "description",
        "template",
        "fallback_value",
        "weight",
        "advanced_ui",
        "created",
        "last_updated",
    )
    brief_fields = ("slug", "label")
    filter_fields = ("slug", "label", "weight", "content_type", "template", "fallback_value")
    # Unknown values match nothing here, as in the original.
    unchecked_filters = ("content_type", "content_type__n")
    search_fields = ("label", "slug", "description", "template")


@register_spec
class RelationshipSpec(ObjectSpec):
    model = Relationship
    slug_separator = "_"
    api_fields = (
        "name",
        "slug",
        "description",
        "type",
        "source_type",
        "source_label",
        "source_hidden",
        "source_filter",
        "destination_type",
        "destination_label",
        "destination_hidden",
        "destination_filter",
        "advanced_ui",
        "created",
        "last_updated",
    )
    filter_fields = ("name", "slug", "type", "source_type", "destination_type")
    search_fields = ("name", "slug", "description")


@register_spec
class RelationshipAssociationSpec(ObjectSpec):
    model = RelationshipAssociation
    api_fields = ("relationship", "source_type", "source_id", "destination_type", "destination_id")
    brief_fields = ("relationship", "source_id", "destination_id")
    filter_fields = ("relationship", "source_id", "destination_id", "source_type", "destination_type")
    search_fields = ("relationship__name",)
    menu_group = None


@register_spec
class NoteSpec(ObjectSpec):
    model = Note
    api_fields = (
        "user",
        "user_name",
        "assigned_object_type",
        "assigned_object_id",
        "assigned_object",
        "note",
        "slug",
        "created",
        "last_updated",
    )
    brief_fields = ("note", "user_name", "slug")
    read_only_fields = ("user", "user_name", "slug")
    filter_fields = (
        "user",
        "user_name",
        "assigned_object_id",
        "note",
        "assigned_object_type",
        ("assigned_object_type_id", "assigned_object_type__id"),
    )
    # Unknown values match nothing here, as in the original.
    unchecked_filters = ("assigned_object_type", "assigned_object_type__n")
    search_fields = ("user_name", "note")
    serializer_base = NoteSerializerBase
    extra_select_related = ("assigned_object_type",)
    extra_prefetch_related = ("assigned_object",)


OWNER = ("owner_content_type", "owner_object_id", "owner")


@register_spec
class ConfigContextSchemaSpec(ObjectSpec):
    model = ConfigContextSchema
    api_fields = ("name", "slug", *OWNER, "description", "data_schema", *COMMON)
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


@register_spec
class ConfigContextSpec(ObjectSpec):
    model = ConfigContext
    api_fields = (
        "name",
        *OWNER,
        "weight",
        "description",
        "schema",
        "is_active",
        *(scope for _, scope in CONTEXT_SCOPES),
        "tags",
        "data",
        "created",
        "last_updated",
    )
    brief_fields = ("name",)
    filter_fields = ("name", "weight", "is_active", "schema", "owner_object_id", "owner_content_type", *CONTEXT_SCOPES)
    # Unknown values match nothing here, as in the original.
    unchecked_filters = ("owner_content_type", "owner_content_type__n")
    search_fields = ("name", "description")
    serializer_base = OwnedSerializerBase
    extra_prefetch_related = ("owner", "tags")  # `tags` is a plain many-to-many here (a scope), not taggit's


@register_spec
class ExportTemplateSpec(ObjectSpec):
    model = ExportTemplate
    api_fields = (
        "content_type",
        *OWNER,
        "name",
        "description",
        "template_code",
        "mime_type",
        "file_extension",
        "created",
        "last_updated",
    )
    brief_fields = ("name",)
    filter_fields = ("name", "owner_object_id", "content_type", "owner_content_type")
    # Unknown values match nothing here, as in the original.
    unchecked_filters = ("owner_content_type", "owner_content_type__n")
    search_fields = ("name", "description")
    serializer_base = ExportTemplateSerializerBase
    extra_prefetch_related = ("owner",)


from nautobot.extras.jobs import specs as _job_specs  # noqa: E402,F401  (jobs keep their specs in their own module)
