"""Secrets in the REST API (`/api/extras/secrets/`, `/secrets-groups/`, `/secrets-groups-associations/`), as 1.x:
a secret shows its provider and parameters (never a value: there is none to show); a group lists its secrets
with their purpose (read-only: associations are written at their own endpoint); the access and secret types
are plain strings."""

from rest_framework import serializers

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.serializers import BaseModelSerializer
from nautobot.core.api.urlbuilding import list_url
from nautobot.extras.secrets.choices import SecretsGroupAccessTypeChoices, SecretsGroupSecretTypeChoices
from nautobot.extras.secrets.models import SecretsGroupAssociation


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
