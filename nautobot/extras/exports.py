"""Import path kept for apps and tests: exporting through templates lives in `exporttemplates.exports`."""

from nautobot.extras.exporttemplates.exports import ExportedFile, ExportError, export_filename, export_queryset

__all__ = ["ExportError", "ExportedFile", "export_filename", "export_queryset"]
