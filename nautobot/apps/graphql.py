"""1.x `nautobot.apps.graphql`: the base of an app's own GraphQL types (`graphql_types`)."""

from nautobot.core.graphql.types import OptimizedNautobotObjectType

__all__ = ["OptimizedNautobotObjectType"]
