"""A GraphQL type of the plugin's own, declared the 1.x way: replaces the generated type of Widget (adds `label`)."""

import graphene

from example_plugin.models import Widget
from nautobot.apps.graphql import OptimizedNautobotObjectType


class WidgetType(OptimizedNautobotObjectType):
    label = graphene.String(description="Name and size, e.g. 'w1 (2U)'")

    class Meta:
        model = Widget
        fields = ("id", "name", "site", "size", "description")

    def resolve_label(self, info) -> str:
        return f"{self.name} ({self.size}U)"


graphql_types = [WidgetType]
