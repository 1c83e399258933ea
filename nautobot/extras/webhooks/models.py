"""Webhooks, their deliveries (the outbox rows) and the attempts of each delivery."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from nautobot.core.models import BaseModel, ChangeLoggedModel, NotesMixin
from nautobot.extras.credentials import EncryptedTextField
from nautobot.extras.templating import TemplateError, compile_template
from nautobot.extras.webhooks.choices import DeliveryState, WebhookEvent, WebhookHTTPMethod


class Webhook(BaseModel, ChangeLoggedModel, NotesMixin):
    """Call `payload_url` when an object of one of `content_types` is created, updated or deleted."""

    content_types = models.ManyToManyField(ContentType, related_name="webhooks")
    name = models.CharField(max_length=150, unique=True)
    type_create = models.BooleanField(default=False, help_text="Call this webhook when a matching object is created.")
    type_update = models.BooleanField(default=False, help_text="Call this webhook when a matching object is updated.")
    type_delete = models.BooleanField(default=False, help_text="Call this webhook when a matching object is deleted.")
    payload_url = models.CharField(
        max_length=500, verbose_name="URL", help_text="The URL called (http:// or https://)."
    )
    enabled = models.BooleanField(default=True)
    http_method = models.CharField(
        max_length=30, choices=WebhookHTTPMethod.choices, default=WebhookHTTPMethod.POST, verbose_name="HTTP method"
    )
    http_content_type = models.CharField(max_length=100, default="application/json", verbose_name="HTTP content type")
    additional_headers = models.TextField(
        blank=True, help_text="One `Name: value` per line; Jinja2, with the payload as context."
    )
    body_template = models.TextField(
        blank=True, help_text="Jinja2 template of the body; empty sends the payload as JSON."
    )
    # Stored encrypted (GIT_CREDENTIALS_KEY), as Git tokens; never in API output, the change log or the page.
    secret = EncryptedTextField(blank=True, help_text="Key of the X-Hook-Signature (hex HMAC-SHA512 of the body).")
    ssl_verification = models.BooleanField(
        default=True, verbose_name="SSL verification", help_text="Check the receiver's TLS certificate."
    )
    ca_file_path = models.CharField(
        max_length=4096, blank=True, null=True, help_text="CA bundle for the check (instead of the system's)."
    )

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if not (self.type_create or self.type_update or self.type_delete):
            errors["type_create"] = "Choose at least one of create, update and delete."
        if not self.payload_url.lower().startswith(("http://", "https://")):
            errors["payload_url"] = "Enter an http:// or https:// URL."
        if self.ca_file_path and not self.ssl_verification:
            errors["ca_file_path"] = (
                "A CA file is used only to verify certificates; turn SSL verification on or clear it."
            )
        errors.update(check_templates(self))
        if errors:
            raise ValidationError(errors)


class WebhookDelivery(BaseModel):
    """One change sent (or to be sent) to one webhook: written with the change, then worked on by workers."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    object_change = models.ForeignKey(
        "extras.ObjectChange", on_delete=models.CASCADE, related_name="webhook_deliveries"
    )
    event = models.CharField(max_length=20, choices=WebhookEvent.choices)
    created = models.DateTimeField(db_index=True)
    state = models.CharField(max_length=20, choices=DeliveryState.choices, default=DeliveryState.PENDING, db_index=True)
    attempt_count = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    lease_until = models.DateTimeField(blank=True, null=True)
    enqueued_at = models.DateTimeField(blank=True, null=True, help_text="When the broker last took a message for it.")
    delivered_at = models.DateTimeField(blank=True, null=True)
    last_status_code = models.PositiveIntegerField(blank=True, null=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ("-created",)
        verbose_name_plural = "webhook deliveries"
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="extras_webhookdelivery_due")]

    def __str__(self) -> str:
        return f"{self.webhook} {self.event} {self.object_change.object_repr}: {self.state}"


class WebhookDeliveryAttempt(BaseModel):
    """One HTTP call of a delivery: when, how long, and what came back."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveIntegerField()
    started = models.DateTimeField()
    duration_ms = models.PositiveIntegerField()
    status_code = models.PositiveIntegerField(blank=True, null=True)
    error = models.CharField(max_length=500, blank=True)
    response_body = models.TextField(blank=True, help_text="The first 1,000 characters of the response.")
    request_headers = models.JSONField(
        default=dict, blank=True, help_text="The headers sent, with the values of credential-like headers hidden."
    )

    class Meta:
        ordering = ("delivery", "number")
        unique_together = [["delivery", "number"]]

    def __str__(self) -> str:
        return f"attempt {self.number}: {self.status_code or self.error}"


def check_templates(webhook: "Webhook") -> dict[str, str]:
    """Errors (by field) of the webhook's templates and header lines, before any delivery needs them."""
    errors = {}
    for name in ("body_template", "additional_headers"):
        try:
            compile_template(getattr(webhook, name) or "")
        except TemplateError as exc:
            errors[name] = str(exc)
    for line in (webhook.additional_headers or "").splitlines():
        text = line.strip()
        if not text or (text.startswith("{%") and text.endswith("%}")):  # blank, or a Jinja2 statement alone
            continue
        name, colon, _ = text.partition(":")
        if not colon or not name.strip():
            errors["additional_headers"] = f"Each line must be `Name: value`; this one is not: {text!r}"
    return errors
