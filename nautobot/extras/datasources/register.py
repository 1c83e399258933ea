"""Register Git repositories: the content kinds Nautobot provides, the removal of what a deleted repository
provided, the web UI's panels and Sync button, and the sync tasks."""

from nautobot.core.celery import app as celery_app
from nautobot.core.registry import HiddenFields, Panel, registry
from nautobot.core.views.actions import register_object_action
from nautobot.extras.datasources import signals
from nautobot.extras.datasources.builtin import register_builtin_contents
from nautobot.extras.datasources.models import GitRepository
from nautobot.extras.datasources.ui import provided_panel, sync, sync_status_panel


def register() -> None:
    signals.connect()
    register_builtin_contents()
    registry.detail_panels.register(Panel(sync_status_panel))
    registry.detail_panels.register(Panel(provided_panel))
    register_object_action(GitRepository, "sync", "Sync", permission="change", handler=sync)
    # The token's ciphertext is no one's business.
    registry.hidden_fields.register(HiddenFields("extras.gitrepository", frozenset({"_token"})))
    celery_app.autodiscover_tasks(["nautobot.extras.datasources"], force=True)  # tasks.py: sync, diff, removal
