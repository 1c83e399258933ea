"""Deliver one webhook delivery: claim it, build the request, call the receiver once, record the attempt.

A delivery is claimed by one conditional UPDATE, so a message sent twice (by the commit hook and the
sweep, or a redelivered broker message) is delivered once. Deliveries of one webhook for one object
go out in the order of their changes: a later one waits until the earlier ones are finished.
"""

import hashlib
import hmac
import ipaddress
import json
import logging
import random
import socket
import time
from datetime import timedelta
from typing import Any, TypedDict
from urllib.parse import urlsplit

import requests
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from prometheus_client import Histogram

from nautobot.core.logging import sanitize

from nautobot.extras.changelog.models import ObjectChange
from nautobot.extras.changelog.selectors import data_after, data_before, differences
from nautobot.extras.templating import render
from nautobot.extras.webhooks.choices import UNFINISHED_STATES, DeliveryState
from nautobot.extras.webhooks.models import Webhook, WebhookDelivery, WebhookDeliveryAttempt
from nautobot.extras.webhooks.outbox import dispatch_on_commit

logger = logging.getLogger(__name__)


class Snapshots(TypedDict):
    prechange: dict | None
    postchange: dict | None
    differences: dict


class Payload(TypedDict):
    event: str
    timestamp: str
    model: str
    username: str
    request_id: str
    data: dict
    snapshots: Snapshots


class Permanent(Exception):
    """An error that retrying cannot fix (bad template or header, refused target); the delivery fails."""


def sign(body: bytes, secret: str) -> str:
    """The `X-Hook-Signature`: hex HMAC-SHA512 of the body, keyed by the webhook's secret."""
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha512).hexdigest()


def snapshots(change: ObjectChange) -> Snapshots:
    """The object before and after `change` (from the change log), and what differs (`last_updated` aside)."""
    before, after = data_before(change), data_after(change)
    return {"prechange": before, "postchange": after, "differences": differences(before, after)}


def payload(delivery: WebhookDelivery) -> Payload:
    change = delivery.object_change
    return {
        "event": delivery.event,
        "timestamp": str(change.time),
        "model": change.changed_object_type.model,
        "username": change.user_name,
        "request_id": str(change.request_id),
        "data": change.object_data,
        "snapshots": snapshots(change),
    }


def build_request(webhook: Webhook, context: Payload) -> tuple[dict[str, str], bytes]:
    """Headers and body of the call; `Permanent` when a template fails or a header line is malformed."""
    try:
        text = (
            render(webhook.body_template, dict(context))
            if webhook.body_template
            else json.dumps(context, cls=DjangoJSONEncoder)
        )
        header_text = render(webhook.additional_headers, dict(context)) if webhook.additional_headers else ""
    except Exception as exc:  # a user's template: any error it raises is the template's fault
        raise Permanent(f"Template error: {exc}") from None
    headers = {"Content-Type": webhook.http_content_type}
    for line in header_text.splitlines():
        if not line.strip():
            continue
        name, colon, value = line.partition(":")  # split once: values may hold colons (URLs, times)
        if not colon or not name.strip():
            raise Permanent(f"Header line is not `Name: value`: {line.strip()!r}")
        headers[name.strip()] = value.strip()
    body = text.encode("utf-8")
    if webhook.secret:
        headers["X-Hook-Signature"] = sign(body, webhook.secret)
    return headers, body


# Header names whose values are credentials: recorded as HIDDEN, never stored (an `Authorization: Bearer ...`
# set in `additional_headers`, an API key). Matched as substrings of the lower-cased name.
SECRET_HEADER_PARTS = ("auth", "token", "secret", "password", "passwd", "key", "cookie", "session", "credential")
HIDDEN = "(hidden)"


def recorded_headers(headers: dict[str, str]) -> dict[str, str]:
    """`headers` as kept in an attempt's record: credential-like values hidden, the signature shortened."""
    kept = {}
    for name, value in headers.items():
        lowered = name.lower()
        if lowered == "x-hook-signature":
            kept[name] = value[:16] + "…"  # an HMAC reveals nothing, but the full 128 hex digits are noise
        elif any(part in lowered for part in SECRET_HEADER_PARTS):
            kept[name] = HIDDEN
        else:
            kept[name] = value
    return kept


def check_target(url: str) -> None:
    """With `WEBHOOK_ALLOW_PRIVATE_TARGETS` off, refuse URLs whose host resolves to a private or loopback address."""
    if settings.WEBHOOK_ALLOW_PRIVATE_TARGETS:
        return
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError as exc:
        raise requests.ConnectionError(f"cannot resolve {host}: {exc}") from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if (
            ip.is_private
            or ip.is_loopback
            or ip.is_link_local
            or ip.is_reserved
            or ip.is_multicast
            or ip.is_unspecified
        ):
            raise Permanent(f"{host} resolves to {ip}, a private address (WEBHOOK_ALLOW_PRIVATE_TARGETS is off)")


def backoff_seconds(attempt: int) -> float:
    """Delay before try `attempt + 1`: exponential from `WEBHOOK_RETRY_BACKOFF`, capped, with jitter (half random)."""
    delay = min(settings.WEBHOOK_RETRY_BACKOFF_MAX, settings.WEBHOOK_RETRY_BACKOFF * 2 ** (attempt - 1))
    return delay / 2 + random.uniform(0, delay / 2)  # noqa: S311  (jitter, not cryptography)


def claim(delivery_id: Any) -> WebhookDelivery | None:
    """Take `delivery_id` for one attempt, or None if it is not due, taken, finished, or behind an earlier one."""
    delivery = (
        WebhookDelivery.objects.select_related("webhook", "object_change__changed_object_type")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or delivery.state not in UNFINISHED_STATES or _earlier_unfinished(delivery).exists():
        return None
    now = timezone.now()
    lease = now + timedelta(seconds=settings.WEBHOOK_CONNECT_TIMEOUT + settings.WEBHOOK_READ_TIMEOUT + 30)
    due = Q(state__in=[DeliveryState.PENDING, DeliveryState.RETRY], next_attempt_at__lte=now) | Q(
        state=DeliveryState.SENDING, lease_until__lt=now
    )
    taken = WebhookDelivery.objects.filter(due, pk=delivery.pk).update(
        state=DeliveryState.SENDING, lease_until=lease, attempt_count=F("attempt_count") + 1
    )
    if not taken:
        return None
    delivery.state, delivery.lease_until, delivery.attempt_count = (
        DeliveryState.SENDING,
        lease,
        delivery.attempt_count + 1,
    )
    return delivery


def _earlier_unfinished(delivery: WebhookDelivery):
    change = delivery.object_change
    return WebhookDelivery.objects.filter(
        webhook_id=delivery.webhook_id,
        object_change__changed_object_type_id=change.changed_object_type_id,
        object_change__changed_object_id=change.changed_object_id,
        created__lt=delivery.created,
        state__in=UNFINISHED_STATES,
    )


def attempt(delivery: WebhookDelivery) -> WebhookDeliveryAttempt:
    """Call the receiver once for a claimed `delivery`, record the attempt, and move the delivery on."""
    webhook = delivery.webhook
    started, clock = timezone.now(), time.monotonic()
    record = WebhookDeliveryAttempt(delivery=delivery, number=delivery.attempt_count, started=started, duration_ms=0)
    retryable = False
    try:
        headers, body = build_request(webhook, payload(delivery))
        record.request_headers = recorded_headers(headers)
        check_target(webhook.payload_url)
        response = requests.request(
            webhook.http_method,
            webhook.payload_url,
            data=body,
            headers=headers,
            timeout=(settings.WEBHOOK_CONNECT_TIMEOUT, settings.WEBHOOK_READ_TIMEOUT),
            verify=(webhook.ca_file_path or True) if webhook.ssl_verification else False,
            allow_redirects=False,
            proxies=getattr(settings, "HTTP_PROXIES", None),
        )
        record.status_code = response.status_code
        record.response_body = sanitize(response.text[:1000])
        if not 200 <= response.status_code < 300:
            retryable = response.status_code == 429 or response.status_code >= 500
            record.error = f"HTTP {response.status_code}" + (
                " (redirects are not followed)" if 300 <= response.status_code < 400 else ""
            )
    except Permanent as exc:
        record.error = sanitize(str(exc)[:500])
    except (requests.RequestException, SoftTimeLimitExceeded) as exc:
        retryable = True
        record.error = sanitize(f"{type(exc).__name__}: {exc}"[:500])
    record.duration_ms = int((time.monotonic() - clock) * 1000)
    with transaction.atomic():  # one commit for the record and the new state
        record.save()
        _advance(delivery, record, retryable)
    return record


# Observed by the worker that delivers (served on CELERY_WORKER_PROMETHEUS_PORTS), once per delivery.
DELIVERY_LATENCY = Histogram(
    "nautobot_webhook_delivery_latency_seconds",
    "Time from the change to its successful delivery, by webhook",
    ["webhook"],
    buckets=(0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0, 3600.0),
)


def _advance(delivery: WebhookDelivery, record: WebhookDeliveryAttempt, retryable: bool) -> None:
    now = timezone.now()
    fields = {"last_status_code": record.status_code, "last_error": record.error, "lease_until": None}
    if not record.error:
        fields.update(state=DeliveryState.DELIVERED, delivered_at=now)
    elif retryable and delivery.attempt_count < settings.WEBHOOK_MAX_ATTEMPTS:
        # The sweep sends it again when it is due: no countdown message waits in a worker meanwhile (a
        # worker holding unacknowledged messages dies when the Redis broker goes away, kombu 5.7).
        delay = backoff_seconds(delivery.attempt_count)
        fields.update(state=DeliveryState.RETRY, next_attempt_at=now + timedelta(seconds=delay), enqueued_at=None)
        WebhookDelivery.objects.filter(pk=delivery.pk, state=DeliveryState.SENDING).update(**fields)
        return
    else:
        fields.update(state=DeliveryState.FAILED)
    moved = WebhookDelivery.objects.filter(pk=delivery.pk, state=DeliveryState.SENDING).update(**fields)
    if moved and not record.error:
        DELIVERY_LATENCY.labels(delivery.webhook.name).observe((now - delivery.created).total_seconds())
    following = (
        WebhookDelivery.objects.filter(
            webhook_id=delivery.webhook_id,
            object_change__changed_object_type_id=delivery.object_change.changed_object_type_id,
            object_change__changed_object_id=delivery.object_change.changed_object_id,
            created__gt=delivery.created,
            state=DeliveryState.PENDING,  # later ones cannot have been tried yet
        )
        .order_by("created")
        .values_list("pk", flat=True)[:1]
    )
    dispatch_on_commit(list(following))


def deliver(delivery_id: Any) -> str:
    """Claim and attempt one delivery; return what happened (for the worker's log)."""
    delivery = claim(delivery_id)
    if delivery is None:
        return "not due, taken, finished or waiting for an earlier delivery"
    record = attempt(delivery)
    return f"attempt {record.number}: {record.status_code or record.error}"
