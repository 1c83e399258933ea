"""Tree models (regions, tenant groups, rack groups): a `parent` link, loops refused, depth on every read."""

from django.db import models
from tree_queries.models import TreeNode
from tree_queries.query import TreeQuerySet as BaseTreeQuerySet

from nautobot.core.models.querysets import RestrictedQuerySet


class TreeQuerySet(RestrictedQuerySet, BaseTreeQuerySet):
    """Tree queries (`with_tree_fields`, `ancestors`...) plus `restrict(user, action)`."""


class TreeModel(TreeNode):
    """A node of a tree ordered depth-first, siblings by name; `_depth` is its depth (0 = root)."""

    objects = TreeQuerySet.as_manager(with_tree_fields=True)

    class Meta:
        abstract = True

    @property
    def _depth(self) -> int:
        depth = getattr(self, "tree_depth", None)
        if depth is None:
            depth, node = 0, self
            while node.parent_id is not None:
                depth, node = depth + 1, node.parent
        return depth


def tree_parent(model: str = "self") -> models.ForeignKey:
    return models.ForeignKey(model, on_delete=models.CASCADE, related_name="children", blank=True, null=True)
