"""Specs of dynamic groups and their memberships (registered, in the extras' order, by `nautobot.extras.specs`)."""

from nautobot.core.specs import ObjectSpec
from nautobot.extras.dynamicgroups.api import DynamicGroupSerializerBase, DynamicGroupViewSetBase
from nautobot.extras.dynamicgroups.models import DynamicGroup, DynamicGroupMembership

COMMON = ("custom_fields", "created", "last_updated")


class DynamicGroupSpec(ObjectSpec):
    model = DynamicGroup
    api_fields = ("name", "slug", "description", "content_type", "filter", "children", *COMMON)
    brief_fields = ("name", "slug", "content_type")
    read_only_fields = ("children",)
    filter_fields = ("name", "slug", "description", "content_type")
    search_fields = ("name", "slug", "description")
    serializer_base = DynamicGroupSerializerBase
    viewset_base = DynamicGroupViewSetBase  # `<id>/members/`
    extra_prefetch_related = ("dynamic_group_memberships__group", "dynamic_group_memberships__parent_group")
    list_columns = ("name", "content_type", "description")
    form_fields = ("name", "slug", "description", "content_type", "filter")
    detail_fields = ("name", "slug", "description", "content_type", "filter", *COMMON)
    detail_tables = ("dynamic_group_memberships",)  # its child groups
    ui_view_classes = {
        "add": "nautobot.extras.dynamicgroups.ui.DynamicGroupEditView",
        "edit": "nautobot.extras.dynamicgroups.ui.DynamicGroupEditView",
    }


class DynamicGroupMembershipSpec(ObjectSpec):
    model = DynamicGroupMembership
    api_fields = ("group", "parent_group", "operator", "weight")
    brief_fields = ("group", "parent_group", "operator", "weight")
    filter_fields = (
        "group",
        ("group_id", "group__id"),
        "parent_group",
        ("parent_group_id", "parent_group__id"),
        "operator",
        "weight",
    )
    search_fields = ("operator", "group__name", "group__slug", "parent_group__name", "parent_group__slug")
    slug_source = None
    list_columns = ("parent_group", "operator", "group", "weight")
    menu_group = None  # managed from its parent group's page
    ui_views = ("list", "detail", "add", "edit", "delete", "bulk_delete")
