"""1.x `nautobot.extras.models.models`: the models that had no module of their own there."""

from nautobot.extras.configcontexts.models import ConfigContext, ConfigContextSchema
from nautobot.extras.exporttemplates.models import ExportTemplate
from nautobot.extras.jobs.models import FileProxy
from nautobot.extras.notes.models import Note
from nautobot.extras.webhooks.models import Webhook

__all__ = ["ConfigContext", "ConfigContextSchema", "ExportTemplate", "FileProxy", "Note", "Webhook"]
