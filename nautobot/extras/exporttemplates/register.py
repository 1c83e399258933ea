"""Register export templates with the core: `?export` on the lists of the REST API and of the web UI."""

from nautobot.core.registry import ListExport, ListExporter, registry
from nautobot.extras.exporttemplates.api import export_list
from nautobot.extras.exporttemplates.ui import export_template_answer, export_template_choices


def register() -> None:
    registry.list_exporters.register(ListExporter(export_list))
    registry.list_exports.register(ListExport(export_template_choices, export_template_answer))
