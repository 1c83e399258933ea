"""The 1.x module `nautobot.extras.models.groups` (apps' migrations and models import it)."""

from nautobot.extras.dynamicgroups.models import (
    DynamicGroup,
    DynamicGroupMembership,
    DynamicGroupQuerySet,
    limit_dynamic_group_by_parent_content_type,
)

__all__ = [
    "DynamicGroup",
    "DynamicGroupMembership",
    "DynamicGroupQuerySet",
    "limit_dynamic_group_by_parent_content_type",
]
