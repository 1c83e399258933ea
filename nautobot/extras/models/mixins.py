"""1.x `nautobot.extras.models.mixins`: the plain mixins 1.x models (and their migrations' `bases`) name.

`DynamicGroupMixin` gives an app's model 1.x's properties listing the dynamic groups an object belongs to.
"""

from django.apps import apps

from nautobot.extras.notes.mixins import NotesMixin


def _groups(obj, use_cache: bool):
    # By name: the model module imports this one (its `__init__` lists both), so it is looked up when asked.
    return apps.get_model("extras", "DynamicGroup").objects.get_for_object(obj, use_cache=use_cache)


class DynamicGroupMixin:
    """The dynamic groups an object belongs to (`dynamic_groups`, a queryset; `_cached` variants read the member
    cache of `DYNAMIC_GROUPS_MEMBER_CACHE_TIMEOUT`)."""

    @property
    def dynamic_groups(self):
        return _groups(self, use_cache=False)

    @property
    def dynamic_groups_cached(self):
        return _groups(self, use_cache=True)

    @property
    def dynamic_groups_list(self) -> list:
        return list(self.dynamic_groups)

    @property
    def dynamic_groups_list_cached(self) -> list:
        return list(self.dynamic_groups_cached)

    def get_dynamic_groups_url(self) -> str | None:
        """The object's "Dynamic Groups" tab, or None for a model no group can select."""
        # Here, not at the top: this module loads with the models, before the view modules may be imported.
        from nautobot.core.models.features import model_features
        from nautobot.core.views.urls import object_url

        if "dynamic_groups" not in model_features(type(self)):
            return None
        url = object_url(self)
        return f"{url}dynamic-groups/" if url else None


__all__ = ["DynamicGroupMixin", "NotesMixin"]
