"""Spec of the change log (registered by `nautobot.extras.specs`)."""

from nautobot.core.specs import ObjectSpec
from nautobot.extras.changelog.api import ObjectChangeFilterSet, ObjectChangeSerializerBase, ObjectChangeViewSetBase
from nautobot.extras.changelog.models import ObjectChange


class ObjectChangeSpec(ObjectSpec):
    model = ObjectChange
    api_fields = (
        "time",
        "user",
        "user_name",
        "request_id",
        "action",
        "change_context",
        "change_context_detail",
        "changed_object_type",
        "changed_object_id",
        "changed_object",
        "related_object_type",
        "related_object_id",
        "object_repr",
        "object_data",
    )
    brief_fields = ("time", "action", "object_repr", "request_id")
    read_only_fields = api_fields
    filter_fields = (
        "user_name",
        "request_id",
        "action",
        "change_context",
        "changed_object_id",
        "related_object_id",
        "object_repr",
        "time",
    )
    search_fields = ("user_name", "object_repr")
    serializer_base = ObjectChangeSerializerBase
    filterset_base = ObjectChangeFilterSet
    viewset_base = ObjectChangeViewSetBase
    ui_views = ("list", "detail")  # written by the change log only
    list_columns = ("time", "user_name", "action", "changed_object_type", "object_repr", "request_id")
    filter_form_fields = (
        "user",
        "action",
        "changed_object_type",
        "change_context",
        "time__gte",
        "time__lte",
        "request_id",
    )
    # The object's data is shown as a diff against its previous change (the "Changes" panel).
    detail_fields = tuple(name for name in api_fields if name != "object_data")
    menu_group = "Extensibility"
