"""Register notes with the core: `notes_url` and the `notes/` endpoint of every model with notes."""

from nautobot.core.registry import ExtraField, ModelFields, ViewsetMixin, registry
from nautobot.extras.notes.api import notes_field_names, notes_url_builder, notes_viewset_mixin


def register() -> None:
    registry.model_fields.register(ModelFields(notes_field_names))
    registry.extra_fields.register(ExtraField("notes_url", notes_url_builder))
    registry.viewset_mixins.register(ViewsetMixin(notes_viewset_mixin))
