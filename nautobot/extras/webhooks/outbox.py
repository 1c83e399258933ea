"""The webhook outbox: deliveries written in the change's transaction, handed to the broker after commit.

If the broker cannot take a message at commit time (down, unreachable), the delivery stays `pending`
in the database and `sweep()`, run periodically by Celery beat, sends it once the broker is back.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from nautobot.core import fastpath
from nautobot.core.celery import app as celery_app
from nautobot.extras.changelog.context import ChangeContext
from nautobot.extras.changelog.models import ObjectChange
from nautobot.extras.webhooks.choices import EVENT_OF_ACTION, FLAG_OF_ACTION, DeliveryState
from nautobot.extras.webhooks.models import Webhook, WebhookDelivery

logger = logging.getLogger(__name__)
DELIVER_TASK = "nautobot.extras.webhooks.deliver"


def write_deliveries(active: ChangeContext, changes: list[ObjectChange]) -> list[WebhookDelivery]:
    """`registry.after_write` hook: one pending delivery per change and enabled webhook subscribed to it (one query to find them)."""
    type_ids = {change.changed_object_type_id for change in changes}
    hooks_by_type: dict[int, list[tuple]] = defaultdict(list)
    for type_id, *row in _subscriptions(list(type_ids)):
        hooks_by_type[type_id].append(row)
    if not hooks_by_type:
        return []
    flag_index = {"type_create": 1, "type_update": 2, "type_delete": 3}
    deliveries = [
        WebhookDelivery(
            webhook_id=row[0],
            object_change=change,
            event=EVENT_OF_ACTION[change.action],
            created=change.time,
            next_attempt_at=change.time,
        )
        for change in changes
        for row in hooks_by_type.get(change.changed_object_type_id, ())
        if row[flag_index[FLAG_OF_ACTION[change.action]]]
    ]
    WebhookDelivery.objects.bulk_create(deliveries, batch_size=500)
    dispatch_on_commit([d.pk for d in deliveries])
    return deliveries


def _subscriptions_queryset(type_ids: list):
    return (
        Webhook.content_types.through.objects.filter(contenttype_id__in=type_ids, webhook__enabled=True)
        .select_related("webhook")
        .only("contenttype", "webhook__type_create", "webhook__type_update", "webhook__type_delete")
    )


# Run on every write: its SQL compiled once on the fast path.
_subscriptions_query = fastpath.Query(_subscriptions_queryset, [-7_340_003])


def _subscriptions(type_ids: list) -> list[tuple]:
    """`(content type id, webhook id, type_create, type_update, type_delete)` of each enabled webhook subscribed to one of `type_ids`."""
    return [
        (row.contenttype_id, row.webhook_id, row.webhook.type_create, row.webhook.type_update, row.webhook.type_delete)
        for row in _subscriptions_query(type_ids)
    ]


def dispatch_on_commit(delivery_ids: list) -> None:
    if delivery_ids:
        transaction.on_commit(partial(dispatch, delivery_ids))


def dispatch(delivery_ids: Iterable[Any]) -> int:
    """Hand deliveries to the broker (never raises: what it cannot send waits for the sweep); return how many went.

    The broker connection is checked once, without the retries a publish would make (seconds each),
    so a broker outage costs a request a failed connect, not a stall.
    """
    delivery_ids = list(delivery_ids)
    if not delivery_ids:
        return 0
    # By its name (a wire contract, routed to the `webhooks` queue by settings): tasks.py imports this module.
    deliver_webhook = celery_app.tasks[DELIVER_TASK]
    sent = []
    try:
        with celery_app.producer_or_acquire() as producer:
            producer.connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0.5, timeout=5)
            for delivery_id in delivery_ids:
                deliver_webhook.apply_async(args=[str(delivery_id)], retry=False, producer=producer)
                sent.append(delivery_id)
    except Exception as exc:  # the broker is down or unreachable: the sweep sends the rest later
        logger.warning(
            "%d webhook deliveries wait in the outbox; the broker did not take them: %s",
            len(delivery_ids) - len(sent),
            exc,
        )
    if sent:
        try:
            WebhookDelivery.objects.filter(pk__in=sent).update(enqueued_at=timezone.now())
        except Exception as exc:  # only bookkeeping for the sweep; a worker may already hold the row
            logger.warning("Could not mark webhook deliveries as enqueued: %s", exc)
    return len(sent)


def sweep(limit: int = 1000) -> int:
    """Send the deliveries that are due and have no message in the broker; return how many went.

    That is: new ones the broker did not take at commit (after `WEBHOOK_SWEEP_GRACE` seconds, so as
    not to race the commit hook), retries whose backoff is over, ones whose message was lost
    (`WEBHOOK_REDISPATCH_AFTER`), and ones whose worker died during the call (lease expired).
    """
    now = timezone.now()
    grace = now - timedelta(seconds=settings.WEBHOOK_SWEEP_GRACE)
    lost = Q(enqueued_at__lt=now - timedelta(seconds=settings.WEBHOOK_REDISPATCH_AFTER))
    unsent = Q(state=DeliveryState.PENDING, enqueued_at__isnull=True, created__lte=grace)
    retry_due = Q(state=DeliveryState.RETRY, next_attempt_at__lte=now, enqueued_at__isnull=True)
    waiting_too_long = Q(state__in=[DeliveryState.PENDING, DeliveryState.RETRY], next_attempt_at__lte=now) & lost
    abandoned = Q(state=DeliveryState.SENDING, lease_until__lt=now)
    due = (
        WebhookDelivery.objects.filter(unsent | retry_due | waiting_too_long | abandoned)
        .order_by("created")
        .values_list("pk", flat=True)[:limit]
    )
    return dispatch(due)


def redeliver(delivery: WebhookDelivery) -> WebhookDelivery:
    """Queue the change of `delivery` again for its webhook, as a new delivery (the old one's record stays)."""
    now = timezone.now()
    fresh = WebhookDelivery.objects.create(
        webhook_id=delivery.webhook_id,
        object_change_id=delivery.object_change_id,
        event=delivery.event,
        created=now,
        next_attempt_at=now,
    )
    dispatch_on_commit([fresh.pk])
    return fresh
