"""Export templates: Jinja2 templates (rendered in the sandbox) that turn a filtered list into a file, for the
REST API's and the web UI's `?export=<name>`.

`ExportTemplate` is importable from here, as it was when this feature was one module.
"""

from nautobot.extras.exporttemplates.models import ExportTemplate

__all__ = ["ExportTemplate"]
