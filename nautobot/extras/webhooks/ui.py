"""Webhooks in the web UI: a webhook's recent deliveries, a delivery's attempts, and the Redeliver button."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from nautobot.core.specs import spec_for
from nautobot.core.views.permissions import allowed
from nautobot.core.views.urls import object_url, spec_url
from nautobot.extras.jobs.runner import workers_on
from nautobot.extras.webhooks.delivery import recorded_headers
from nautobot.extras.webhooks.models import Webhook, WebhookDelivery
from nautobot.extras.webhooks.outbox import redeliver as queue_again

RECENT_DELIVERIES = 20
STATE_STYLES = {
    "pending": "secondary",
    "sending": "info",
    "retry": "warning",
    "delivered": "success",
    "failed": "danger",
}


def state_badge(delivery: WebhookDelivery) -> str:
    return format_html(
        '<span class="badge text-bg-{} delivery-state">{}</span>',
        STATE_STYLES.get(delivery.state, "secondary"),
        delivery.get_state_display(),
    )


def recent_deliveries_panel(obj, request) -> dict | None:
    """On a webhook's page: its latest deliveries (state, attempts, response code, timing), each linked."""
    if not isinstance(obj, Webhook) or not request.user.has_perm("extras.view_webhookdelivery"):
        return None

    deliveries = list(
        allowed(WebhookDelivery.objects.filter(webhook=obj), request.user, "view")
        .select_related("object_change")
        .prefetch_related("attempts")
        .order_by("-created")[:RECENT_DELIVERIES]
    )
    rows = []
    for delivery in deliveries:
        attempts = list(delivery.attempts.all())
        last = attempts[-1] if attempts else None
        rows.append({"delivery": delivery, "url": object_url(delivery), "state": state_badge(delivery), "last": last})
    html = render_to_string("extras/webhook_deliveries_panel.html", {"rows": rows}, request=request)
    listing = spec_url(spec_for(WebhookDelivery), "list")
    return {
        "title": "Recent deliveries",
        "html": html,
        "flush": True,
        "wide": True,
        "id": "recent-deliveries",
        "link": {"url": f"{listing}?webhook_id={obj.pk}", "label": "All deliveries"},
    }


def signing_panel(obj, request) -> dict | None:
    """On a webhook's page: whether calls are signed, and the additional headers with credential values hidden
    (the secret and those values are never shown; the edit form is where they are changed)."""
    if not isinstance(obj, Webhook):
        return None

    signed = (
        mark_safe('<span class="badge text-bg-success">Signed</span> X-Hook-Signature: HMAC-SHA512 of the body')
        if obj.secret
        else mark_safe('<span class="badge text-bg-secondary">Not signed</span> no secret is set')
    )
    rows = [("Secret", signed)]
    for line in (obj.additional_headers or "").splitlines():
        name, colon, value = line.partition(":")
        if colon and name.strip():
            shown = recorded_headers({name.strip(): value.strip()})[name.strip()]
            rows.append((name.strip(), format_html('<span class="font-monospace small">{}</span>', shown)))
        elif line.strip():
            rows.append(("", format_html('<span class="font-monospace small">{}</span>', line.strip())))
    return {"title": "Signature and headers", "rows": rows, "side": True, "id": "webhook-headers"}


def attempts_panel(obj, request) -> dict | None:
    """On a delivery's page: every attempt, with the headers sent (credentials hidden) and what came back."""
    if not isinstance(obj, WebhookDelivery):
        return None
    attempts = list(obj.attempts.order_by("number"))
    html = render_to_string(
        "extras/webhook_attempts_panel.html", {"attempts": attempts, "delivery": obj}, request=request
    )
    return {"title": f"Attempts ({len(attempts)})", "html": html, "wide": True, "id": "attempts"}


def redeliver(request, delivery: WebhookDelivery):
    """Queue the delivery's change again for its webhook as a new delivery, and show the new one."""

    with transaction.atomic():
        fresh = queue_again(delivery)
    messages.success(request, "Queued the change again as a new delivery.")
    if not workers_on("webhooks"):
        messages.warning(
            request,
            "No worker is listening on the webhooks queue right now: the delivery waits in the outbox and goes "
            "out when one starts (nautobot-server celery worker).",
        )
    return HttpResponseRedirect(object_url(fresh))
