"""1.x `nautobot.extras.models.mixins`: the plain mixins 1.x models (and their migrations' `bases`) name.

`DynamicGroupMixin`: dynamic groups are not part of this implementation yet (a later issue), so no object belongs
to any; the mixin is here for the models and migrations that name it and answers accordingly.
"""

from nautobot.extras.notes.mixins import NotesMixin


class DynamicGroupMixin:
    """The dynamic groups an object belongs to (none: dynamic groups do not exist here yet)."""

    @property
    def dynamic_groups(self) -> tuple:
        return ()

    @property
    def dynamic_groups_cached(self) -> tuple:
        return ()

    @property
    def dynamic_groups_list(self) -> list:
        return []

    @property
    def dynamic_groups_list_cached(self) -> list:
        return []

    def get_dynamic_groups_url(self) -> None:
        """The URL of the object's dynamic groups page: None, as for a model no group can select."""
        return None


__all__ = ["DynamicGroupMixin", "NotesMixin"]
