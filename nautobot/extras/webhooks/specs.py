"""Specs of webhooks and webhook deliveries (registered by `nautobot.extras.specs`)."""

from nautobot.core.specs import ObjectSpec
from nautobot.extras.webhooks.api import (
    WebhookDeliverySerializerBase,
    WebhookDeliveryViewSetBase,
    WebhookFilterSet,
    WebhookSerializerBase,
)
from nautobot.extras.webhooks.models import Webhook, WebhookDelivery


class WebhookSpec(ObjectSpec):
    model = Webhook
    api_fields = (
        "content_types", "name", "type_create", "type_update", "type_delete", "payload_url", "http_method",
        "http_content_type", "additional_headers", "body_template", "secret", "ssl_verification", "ca_file_path",
        "created", "last_updated",
    )  # fmt: skip
    brief_fields = ("name",)
    filter_fields = ("name", "payload_url", "enabled", "type_create", "type_update", "type_delete", "http_method")
    search_fields = ("name", "payload_url")
    serializer_base = WebhookSerializerBase
    filterset_base = WebhookFilterSet
    # The secret and the raw header lines are not shown on the page: the "Signature and headers" panel says
    # whether a secret is set and lists the headers with credential values hidden.
    detail_fields = tuple(name for name in api_fields if name not in ("secret", "additional_headers"))


class WebhookDeliverySpec(ObjectSpec):
    model = WebhookDelivery
    endpoint = "webhook-deliveries"
    api_fields = (
        "webhook", "object_change", "event", "state", "attempt_count", "created", "next_attempt_at", "delivered_at",
        "last_status_code", "last_error", "attempts",
    )  # fmt: skip
    brief_fields = ("event", "state")
    read_only_fields = api_fields
    filter_fields = ("webhook", "event", "state", "attempt_count", ("request_id", "object_change__request_id"))
    search_fields = ("last_error",)
    extra_prefetch_related = ("attempts",)
    serializer_base = WebhookDeliverySerializerBase
    viewset_base = WebhookDeliveryViewSetBase
    ui_views = ("list", "detail")  # written with each change; redelivered by its Redeliver button or the API
    list_columns = ("created", "webhook", "event", "object_change", "state", "attempt_count", "last_status_code")
    detail_fields = tuple(name for name in api_fields if name != "attempts")  # the "Attempts" panel shows them
