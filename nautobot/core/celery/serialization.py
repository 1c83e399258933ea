"""The `nautobot_json` message serializer: JSON plus a closed set of Nautobot types.

Values that JSON cannot express (datetimes, UUIDs, decimals, sets) are encoded with Django's JSON
encoder. Objects of a class registered with `register_type` (in `registry.message_types`) travel as
`{"__nautobot_type__": "<registered name>", ...}` and are rebuilt by that class's
`nautobot_deserialize`. A message naming an unregistered type is refused: the decoder looks names up
in the registry and never imports a dotted path it was sent.
"""

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from kombu.serialization import register as register_kombu_serializer

from nautobot.core.registry import registry

NAME = "nautobot_json"
CONTENT_TYPE = "application/x-nautobot-json"
TYPE_KEY = "__nautobot_type__"


class UnknownMessageType(ValueError):
    """A message carried a `__nautobot_type__` that is not registered."""


def register_type(cls: type) -> type:
    """Class decorator: let `cls` (with `nautobot_serialize()`/`nautobot_deserialize(data)`) travel in messages.

    A typed entry point to `registry.message_types`."""
    return registry.message_types.register(cls)


class NautobotJSONEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, (set, frozenset)):
            return sorted(o, key=repr)
        serialize = getattr(o, "nautobot_serialize", None)
        if callable(serialize):
            name = f"{type(o).__module__}.{type(o).__qualname__}"
            if registry.message_types.get(name) is type(o):
                return {TYPE_KEY: name, **serialize()}
        return super().default(o)


def _object_hook(data: dict) -> Any:
    if TYPE_KEY not in data:
        return data
    name = data.pop(TYPE_KEY)
    cls = registry.message_types.get(name)
    if cls is None:
        raise UnknownMessageType(f"message refers to unregistered type {name!r}")
    return cls.nautobot_deserialize(data)


def dumps(obj: Any) -> str:
    return json.dumps(obj, cls=NautobotJSONEncoder, ensure_ascii=False)


def loads(data: str | bytes) -> Any:
    if isinstance(data, bytes):
        data = data.decode("utf-8")
    return json.loads(data, object_hook=_object_hook)


def register() -> None:
    """Register the serializer with kombu (idempotent)."""
    register_kombu_serializer(NAME, dumps, loads, content_type=CONTENT_TYPE, content_encoding="utf-8")
