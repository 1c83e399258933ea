"""Spec of notes (registered, in the extras' order, by `nautobot.extras.specs`)."""

from nautobot.core.specs import ObjectSpec
from nautobot.extras.notes.api import NoteSerializerBase
from nautobot.extras.notes.models import Note


class NoteSpec(ObjectSpec):
    model = Note
    api_fields = (
        "user",
        "user_name",
        "assigned_object_type",
        "assigned_object_id",
        "assigned_object",
        "note",
        "slug",
        "created",
        "last_updated",
    )
    brief_fields = ("note", "user_name", "slug")
    read_only_fields = ("user", "user_name", "slug")
    filter_fields = (
        "user",
        "user_name",
        "assigned_object_id",
        "note",
        "assigned_object_type",
        ("assigned_object_type_id", "assigned_object_type__id"),
    )
    # Unknown values match nothing here, as in the original.
    unchecked_filters = ("assigned_object_type", "assigned_object_type__n")
    search_fields = ("user_name", "note")
    serializer_base = NoteSerializerBase
    extra_select_related = ("assigned_object_type",)
    extra_prefetch_related = ("assigned_object",)
