"""API of webhooks (`/api/extras/webhooks/`) and their deliveries (`/api/extras/webhook-deliveries/`, read-only + redeliver)."""

from django.db import transaction
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from nautobot.core.api.serializers import BaseModelSerializer, represent, serializer_for
from nautobot.core.api.views import ModelViewSet
from nautobot.core.filters import BaseFilterSet, ContentTypeFilter
from nautobot.extras.changelog.signals import is_change_logged
from nautobot.extras import credentials
from nautobot.extras.webhooks.choices import FLAG_OF_ACTION
from nautobot.extras.webhooks.models import Webhook, WebhookDelivery, WebhookDeliveryAttempt
from nautobot.extras.webhooks.outbox import redeliver


class WebhookSerializerBase(BaseModelSerializer):
    """Webhooks: only for change-logged models, and never two for the same URL, model and action. The `secret` is
    written, never read back (it is stored encrypted with GIT_CREDENTIALS_KEY); left out of an update, it stays."""

    secret = credentials.CredentialSerializerField(
        max_length=255,
        refusal="Webhook secrets are stored encrypted: set GIT_CREDENTIALS_KEY in the server's configuration first.",
    )

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        instance = self.instance if isinstance(self.instance, Webhook) else None
        content_types = attrs.get("content_types", list(instance.content_types.all()) if instance else [])
        unsupported = [f"{ct.app_label}.{ct.model}" for ct in content_types if not _supports_webhooks(ct)]
        if unsupported:
            raise serializers.ValidationError(
                {"content_types": [f"Webhooks are not supported for {', '.join(unsupported)}."]}
            )
        url = attrs.get("payload_url", getattr(instance, "payload_url", ""))
        actions = [flag for flag in FLAG_OF_ACTION.values() if attrs.get(flag, getattr(instance, flag, False))]
        for flag in actions:
            clash = Webhook.objects.filter(payload_url=url, content_types__in=content_types, **{flag: True})
            if instance is not None:
                clash = clash.exclude(pk=instance.pk)
            other = clash.first()
            if other is not None:
                action_name = flag.removeprefix("type_")
                raise serializers.ValidationError(
                    {
                        flag: [
                            f"Webhook {other.name} already calls this URL on {action_name} for one of these content types."
                        ]
                    }
                )
        return attrs


def _supports_webhooks(content_type) -> bool:
    model = content_type.model_class()
    return model is not None and is_change_logged(model)


class WebhookFilterSet(BaseFilterSet):
    content_types = ContentTypeFilter(field_name="content_types", distinct=True)
    content_types__n = ContentTypeFilter(field_name="content_types", exclude=True)


class WebhookDeliveryAttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookDeliveryAttempt
        fields = ("number", "started", "duration_ms", "status_code", "error", "response_body", "request_headers")


class WebhookDeliverySerializerBase(BaseModelSerializer):
    attempts = WebhookDeliveryAttemptSerializer(many=True, read_only=True)


class WebhookDeliveryViewSetBase(ModelViewSet):
    """Deliveries are written by the system; `POST <id>/redeliver/` queues the same change again."""

    http_method_names = ["get", "head", "options", "post"]

    def create(self, request, *args, **kwargs):
        return Response({"detail": 'Method "POST" not allowed.'}, status=status.HTTP_405_METHOD_NOT_ALLOWED)

    @action(detail=True, methods=["post"])
    def redeliver(self, request, pk=None):
        with transaction.atomic():
            fresh = redeliver(self.get_object())
        data = represent(
            serializer_for(WebhookDelivery), [WebhookDelivery.objects.get(pk=fresh.pk)], self.get_serializer_context()
        )
        return Response(data[0], status=status.HTTP_201_CREATED)
