"""Register notes with the core: `notes_url` and the `notes/` endpoint of every model with notes, and its
"Notes" tab in the web UI."""

from nautobot.core.registry import ExtraField, ModelFields, ViewsetMixin, registry
from nautobot.core.views.routes import register_detail_tab
from nautobot.extras.notes.api import notes_field_names, notes_url_builder, notes_viewset_mixin
from nautobot.extras.notes.ui import models_with_notes, notes_tab


def register() -> None:
    registry.model_fields.register(ModelFields(notes_field_names))
    registry.extra_fields.register(ExtraField("notes_url", notes_url_builder))
    registry.viewset_mixins.register(ViewsetMixin(notes_viewset_mixin))
    labels = models_with_notes()
    if labels:  # an empty `models` would mean every model
        register_detail_tab("Notes", "notes", notes_tab, models=labels)
