"""Register webhooks: the outbox written after each change, the web UI's panels and Redeliver button, and the
delivery and sweep tasks."""

from nautobot.core.celery import app as celery_app
from nautobot.core.registry import AfterWrite, Panel, registry
from nautobot.core.views.actions import register_object_action
from nautobot.extras.webhooks.models import WebhookDelivery
from nautobot.extras.webhooks.outbox import write_deliveries
from nautobot.extras.webhooks.ui import attempts_panel, recent_deliveries_panel, redeliver, signing_panel


def register() -> None:
    registry.after_write.register(AfterWrite(write_deliveries))
    for panel in (signing_panel, recent_deliveries_panel, attempts_panel):
        registry.detail_panels.register(Panel(panel))
    register_object_action(
        WebhookDelivery,
        "redeliver",
        "Redeliver",
        permission="add",
        handler=redeliver,
        confirm="Send this change to the webhook again?",
    )
    celery_app.autodiscover_tasks(["nautobot.extras.webhooks"], force=True)  # tasks.py: deliver and sweep
