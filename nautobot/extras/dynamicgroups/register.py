"""Register dynamic groups with the core: the members table of a group's page and the "Dynamic Groups" tab of the
objects groups can select."""

from nautobot.core.models.features import FeatureQuery
from nautobot.core.registry import Panel, registry
from nautobot.core.views.routes import register_detail_tab
from nautobot.extras.dynamicgroups.ui import dynamic_groups_tab, members_panel


def register() -> None:
    registry.detail_panels.register(Panel(members_panel))
    labels = tuple(m._meta.label_lower for m in FeatureQuery("dynamic_groups").list_subclasses())
    register_detail_tab("Dynamic Groups", "dynamic-groups", dynamic_groups_tab, models=labels)
