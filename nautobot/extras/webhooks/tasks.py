"""Worker tasks of webhooks: deliver one delivery (queue `webhooks`), and the periodic outbox sweep."""

from django.conf import settings

from nautobot.core.celery import nautobot_task
from nautobot.extras.webhooks import delivery, outbox

# A receiver that trickles bytes resets the read timeout at each one; these limits bound the whole
# call (soft: the attempt is recorded as a timeout and retried; hard: the pool process is replaced).
CALL_LIMIT = settings.WEBHOOK_CONNECT_TIMEOUT + settings.WEBHOOK_READ_TIMEOUT + 20


@nautobot_task(name=outbox.DELIVER_TASK, ignore_result=True, soft_time_limit=CALL_LIMIT, time_limit=CALL_LIMIT + 30)
def deliver_webhook(delivery_id: str) -> str:
    """Deliver `delivery_id` once if it is due and nobody else has it (safe to receive twice)."""
    return delivery.deliver(delivery_id)


@nautobot_task(name="nautobot.extras.webhooks.sweep", ignore_result=True)
def sweep_webhook_outbox() -> int:
    """Re-send deliveries the broker did not take (run by Celery beat every `WEBHOOK_SWEEP_INTERVAL` seconds)."""
    return outbox.sweep()
