"""Worker tasks of webhooks: deliver one delivery (queue `webhooks`), and the periodic outbox sweep."""

from nautobot.core.celery import nautobot_task
from nautobot.extras.webhooks import delivery, outbox


@nautobot_task(name="nautobot.extras.webhooks.deliver", ignore_result=True)
def deliver_webhook(delivery_id: str) -> str:
    """Deliver `delivery_id` once if it is due and nobody else has it (safe to receive twice)."""
    return delivery.deliver(delivery_id)


@nautobot_task(name="nautobot.extras.webhooks.sweep", ignore_result=True)
def sweep_webhook_outbox() -> int:
    """Re-send deliveries the broker did not take (run by Celery beat every `WEBHOOK_SWEEP_INTERVAL` seconds)."""
    return outbox.sweep()
