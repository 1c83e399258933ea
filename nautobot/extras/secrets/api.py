"""Secrets in the REST API (`/api/extras/secrets/`, `/secrets-groups/`, `/secrets-groups-associations/`), as 1.x:
a secret shows its provider and parameters (never a value: there is none to show); a group lists its secrets
with their purpose (read-only: associations are written at their own endpoint); the access and secret types
are plain strings."""

from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.serializers import BaseModelSerializer
from nautobot.core.api.urlbuilding import list_url
from nautobot.core.api.views import ModelViewSet
from nautobot.extras.secrets.choices import SecretsGroupAccessTypeChoices, SecretsGroupSecretTypeChoices
from nautobot.extras.secrets.exceptions import SecretError
from nautobot.extras.secrets.models import Secret, SecretsGroupAssociation


class SecretSerializerBase(BaseModelSerializer):
    """`provider` as its slug (checked against the registered providers by the model), `parameters` an object."""

    provider = serializers.CharField(max_length=100)
    parameters = serializers.JSONField(required=False)

    def validate_parameters(self, value):
        if not isinstance(value, dict):
            raise serializers.ValidationError(
                'Enter an object of the provider\'s parameters, e.g. {"variable": "NAME"}.'
            )
        return value


def check_secret(secret: Secret) -> dict:
    """`{"result": bool, "message": str}`: whether the value can be read now (the value itself is not returned)."""
    try:
        value = secret.get_value()
    except SecretError as exc:
        return {"result": False, "message": exc.message}
    if value is None:
        return {"result": False, "message": "The provider returned no value"}
    return {"result": True, "message": "Passed"}


class SecretViewSetBase(ModelViewSet):
    @action(detail=True, methods=["get"])
    def check(self, request, pk=None):
        """`GET <id>/check/`: whether the secret's value can be read (1.x); needs permission to view the secret."""
        return Response(check_secret(self.get_object()))


def association_brief(association: SecretsGroupAssociation, request) -> dict:
    """An association as 1.x nests it in its group: its purpose and the secret, brief."""
    return {
        "id": str(association.pk),
        "display": str(association),
        "url": f"{list_url(request, SecretsGroupAssociation)}{association.pk}/",
        "access_type": association.access_type,
        "secret_type": association.secret_type,
        "secret": brief_representation(association.secret, request),
    }


class SecretsGroupSerializerBase(BaseModelSerializer):
    secrets = serializers.SerializerMethodField()

    def get_secrets(self, group) -> list[dict]:
        request = self.context.get("request")
        return [association_brief(a, request) for a in group.secretsgroupassociation_set.all()]


class SecretsGroupAssociationSerializerBase(BaseModelSerializer):
    access_type = serializers.ChoiceField(choices=SecretsGroupAccessTypeChoices.CHOICES)
    secret_type = serializers.ChoiceField(choices=SecretsGroupSecretTypeChoices.CHOICES)
