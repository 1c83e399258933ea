"""Specs of relationships and their associations (registered, in the extras' order, by `nautobot.extras.specs`)."""

from nautobot.core.specs import ObjectSpec
from nautobot.extras.relationships.models import Relationship, RelationshipAssociation


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


class RelationshipAssociationSpec(ObjectSpec):
    model = RelationshipAssociation
    api_fields = ("relationship", "source_type", "source_id", "destination_type", "destination_id")
    brief_fields = ("relationship", "source_id", "destination_id")
    filter_fields = ("relationship", "source_id", "destination_id", "source_type", "destination_type")
    search_fields = ("relationship__name",)
    menu_group = None
