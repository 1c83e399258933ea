"""The `nautobot_json` task serializer: rich values travel, arbitrary imports never happen."""

import datetime
import uuid

import pytest
from kombu.exceptions import DecodeError
from kombu.serialization import dumps, loads

from nautobot.core.celery.serialization import CONTENT_TYPE, NAME, register_type


@register_type
class Point:
    def __init__(self, x: int) -> None:
        self.x = x

    def nautobot_serialize(self) -> dict:
        return {"x": self.x}

    @classmethod
    def nautobot_deserialize(cls, data: dict) -> "Point":
        return cls(data["x"])


def _round_trip(value):
    content_type, encoding, payload = dumps(value, serializer=NAME)
    assert content_type == CONTENT_TYPE
    return loads(payload, content_type, encoding)


def test_rich_values_round_trip():
    ident = uuid.uuid4()
    result = _round_trip({"id": ident, "when": datetime.datetime(2026, 1, 2, 3, 4, 5), "tags": {"a"}, "p": Point(3)})
    assert result["id"] == str(ident) and result["when"] == "2026-01-02T03:04:05" and result["tags"] == ["a"]
    assert isinstance(result["p"], Point) and result["p"].x == 3


def test_a_message_cannot_name_a_class_to_import():
    payload = b'{"__nautobot_type__": "os.system", "command": "touch /tmp/pwned"}'
    with pytest.raises(DecodeError, match="unregistered type 'os.system'"):
        loads(payload, CONTENT_TYPE, "utf-8")
