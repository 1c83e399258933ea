"""Enumerations of webhooks and their deliveries."""

from django.db import models


class WebhookHTTPMethod(models.TextChoices):
    GET = "GET", "GET"
    POST = "POST", "POST"
    PUT = "PUT", "PUT"
    PATCH = "PATCH", "PATCH"
    DELETE = "DELETE", "DELETE"


class WebhookEvent(models.TextChoices):
    CREATED = "created", "Created"
    UPDATED = "updated", "Updated"
    DELETED = "deleted", "Deleted"


# ObjectChange action -> webhook event, and the Webhook flag that subscribes to it.
EVENT_OF_ACTION = {"create": WebhookEvent.CREATED, "update": WebhookEvent.UPDATED, "delete": WebhookEvent.DELETED}
FLAG_OF_ACTION = {"create": "type_create", "update": "type_update", "delete": "type_delete"}


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Pending"  # written with the change; waiting for a worker
    SENDING = "sending", "Sending"  # claimed by a worker (until `lease_until`)
    RETRY = "retry", "Retry scheduled"  # failed transiently; next try at `next_attempt_at`
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"  # gave up (or an error that retrying cannot fix)


UNFINISHED_STATES = (DeliveryState.PENDING, DeliveryState.SENDING, DeliveryState.RETRY)
