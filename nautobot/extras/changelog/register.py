"""Register the change log: the signal receivers, the change context of API writes, the object of each change
in the REST API, the web UI's panels and tab, and the retention task."""

from nautobot.core.celery import app as celery_app
from nautobot.core.registry import HomePanel, Panel, RowLoader, WriteContext, registry
from nautobot.core.views.routes import register_detail_tab
from nautobot.extras.changelog import signals
from nautobot.extras.changelog.api import load_changed_objects
from nautobot.extras.changelog.context import write_change_context
from nautobot.extras.changelog.ui import changelog_tab, changes_panel, recent_changes_panel


def register() -> None:
    signals.connect()
    registry.write_contexts.register(WriteContext(write_change_context))
    registry.row_loaders.register(RowLoader(load_changed_objects))
    registry.detail_panels.register(Panel(changes_panel))
    register_detail_tab("Change log", "changelog", changelog_tab)
    registry.home_panels.register(HomePanel(recent_changes_panel))
    celery_app.autodiscover_tasks(["nautobot.extras.changelog"], force=True)  # tasks.py: the retention task
