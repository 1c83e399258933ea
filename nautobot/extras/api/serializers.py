"""Serializer bases that several extras models share (named by their specs as `serializer_base`), and the
Nautobot 1.x serializer mixins apps build their serializers from.

`NautobotModelSerializer` (with `TaggedModelSerializerMixin`, `StatusModelSerializerMixin`) gives an app's model the
payload a built-in model has: `display`, `custom_fields` (`?include=computed_fields` too), `notes_url`,
`relationships` (written; shown with `?include=relationships`), `tags` as nested tags, `status` as `{value, label}`.
Each mixin adds its field to the app's `Meta.fields` and uses the field class of the feature (the same as the
generated serializers'), so reads and writes behave the same on both.
"""

from rest_framework import serializers

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.serializers import BaseModelSerializer, ValidatedModelSerializer, app_serializers
from nautobot.core.specs import has_spec
from nautobot.extras.customfields.api import CustomFieldsDataField
from nautobot.extras.notes.api import NotesURLField, notes_field_names
from nautobot.extras.relationships.api import RelationshipsWriteField, relationships_field_names
from nautobot.extras.statuses.api import StatusSerializerField
from nautobot.extras.statuses.models import Status
from nautobot.extras.tags.api import TagsField


class OwnedSerializerBase(BaseModelSerializer):
    """Records that a data source (e.g. a Git repository) may own: read-only nested `owner`."""

    owner = serializers.SerializerMethodField(read_only=True)

    def get_owner(self, obj) -> dict | None:
        owner = obj.owner if obj.owner_content_type_id else None
        if owner is None or not has_spec(type(owner)):
            return None
        return brief_representation(owner, self.context.get("request"))


class ContentTypeSerializerBase(BaseModelSerializer):
    display = serializers.SerializerMethodField()

    def get_display(self, obj) -> str:
        return f"{obj.app_label} | {obj.model}"


def _extend(names: list[str], *extra: str) -> list[str]:
    return names + [name for name in extra if name not in names]


class CustomFieldModelSerializerMixin(ValidatedModelSerializer):
    """`custom_fields`: the object's custom field data by name, validated against the model's custom fields."""

    custom_fields = CustomFieldsDataField()

    def get_field_names(self, declared_fields, info) -> list[str]:
        names = super().get_field_names(declared_fields, info)
        return _extend(names, "custom_fields") if hasattr(self.Meta.model, "_custom_field_data") else names


class NotesSerializerMixin(BaseModelSerializer):
    """`notes_url`: the object's `notes/` endpoint."""

    notes_url = NotesURLField()

    def get_field_names(self, declared_fields, info) -> list[str]:
        return _extend(super().get_field_names(declared_fields, info), *notes_field_names(self.Meta.model))


class RelationshipModelSerializerMixin(ValidatedModelSerializer):
    """`relationships`: written as `{slug: {"source"|"destination"|"peer": {"objects": [...]}}}`; read with
    `?include=relationships`."""

    relationships = RelationshipsWriteField()

    def get_field_names(self, declared_fields, info) -> list[str]:
        return _extend(super().get_field_names(declared_fields, info), *relationships_field_names(self.Meta.model))


class StatusModelSerializerMixin(BaseModelSerializer):
    """`status`: read as `{"value": slug, "label": name}`, written as the slug of a status of the model."""

    status = StatusSerializerField(queryset=Status.objects.all())

    def get_field_names(self, declared_fields, info) -> list[str]:
        return _extend(super().get_field_names(declared_fields, info), "status")


class TaggedModelSerializerMixin(BaseModelSerializer):
    """`tags`: a list of nested tags, written as UUIDs or attribute dicts (set after the object is saved)."""

    tags = TagsField()

    def get_field_names(self, declared_fields, info) -> list[str]:
        return _extend(super().get_field_names(declared_fields, info), "tags")


TaggedObjectSerializer = TaggedModelSerializerMixin  # the name before 1.3


class NautobotModelSerializer(
    RelationshipModelSerializerMixin, CustomFieldModelSerializerMixin, NotesSerializerMixin, ValidatedModelSerializer
):
    """The base of an app model's serializer: validated writes, `display`, `custom_fields`, `notes_url`,
    `relationships`."""


# Nautobot 1.x names: `<Model>Serializer` and `Nested<Model>Serializer` of every extras model, made on first use.
__getattr__ = app_serializers("extras")
