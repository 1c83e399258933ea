"""Spec of export templates (registered, in the extras' order, by `nautobot.extras.specs`)."""

from nautobot.core.specs import ObjectSpec
from nautobot.extras.exporttemplates.api import ExportTemplateSerializerBase
from nautobot.extras.exporttemplates.models import ExportTemplate
from nautobot.extras.owners import OWNER_FIELDS


class ExportTemplateSpec(ObjectSpec):
    model = ExportTemplate
    api_fields = (
        "content_type",
        *OWNER_FIELDS,
        "name",
        "description",
        "template_code",
        "mime_type",
        "file_extension",
        "created",
        "last_updated",
    )
    brief_fields = ("name",)
    filter_fields = ("name", "owner_object_id", "content_type", "owner_content_type")
    # Unknown values match nothing here, as in the original.
    unchecked_filters = ("owner_content_type", "owner_content_type__n")
    search_fields = ("name", "description")
    serializer_base = ExportTemplateSerializerBase
    extra_prefetch_related = ("owner",)
