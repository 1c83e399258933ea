"""Hand-written serializer bases for circuits: the ends shown on a circuit, and termination writes."""

from rest_framework import serializers

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.serializers import BaseModelSerializer, app_serializers
from nautobot.core.api.urlbuilding import detail_url
from nautobot.circuits.services import circuit_termination_saved
from nautobot.dcim.api.serializers import PathEndpointSerializerBase

CIRCUIT_END_RELATED = ("site", "location", "provider_network")


class CircuitEndField(serializers.Field):
    """A circuit's A or Z end (read-only): `{id, display, url, site, location, provider_network, port_speed,
    upstream_speed, xconnect_id}`, or null."""

    def __init__(self, **kwargs) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, termination) -> dict:
        request = self.context.get("request")
        data = {"id": str(termination.pk), "display": termination.display, "url": detail_url(request, termination)}
        for name in CIRCUIT_END_RELATED:
            related = getattr(termination, name)
            data[name] = None if related is None else brief_representation(related, request)
        for name in ("port_speed", "upstream_speed", "xconnect_id"):
            data[name] = getattr(termination, name)
        return data


class CircuitSerializerBase(BaseModelSerializer):
    """Circuits: their A and Z ends, read-only (set by creating terminations)."""

    termination_a = CircuitEndField()
    termination_z = CircuitEndField()


class CircuitTerminationSerializerBase(PathEndpointSerializerBase):
    """Circuit terminations: cable ends like interfaces; saving one updates its circuit's ends and the paths across it."""

    def create(self, validated_data):
        termination = super().create(validated_data)
        circuit_termination_saved(termination=termination)
        return termination

    def update(self, instance, validated_data):
        previous_circuit_id = instance.circuit_id
        termination = super().update(instance, validated_data)
        circuit_termination_saved(termination=termination, previous_circuit_id=previous_circuit_id)
        return termination


# Nautobot 1.x names: `<Model>Serializer` and `Nested<Model>Serializer` of every circuits model, made on first use.
__getattr__ = app_serializers("circuits")
