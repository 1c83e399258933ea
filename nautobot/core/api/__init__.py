"""REST API machinery: serializers, filters, views and routes derived from model specs.

The names Nautobot 1.x apps import from `nautobot.core.api` are our classes (one implementation each), given
here on first use: this package is imported by the settings' dotted paths before Django is set up, when the
modules that define them (which read models) cannot be imported yet.
"""

import importlib

# name -> module of this package that defines it
_EXPORTS = {
    "BaseModelSerializer": "serializers",
    "ValidatedModelSerializer": "serializers",
    "WritableNestedSerializer": "serializers",
    "ChoiceField": "fields",
    "ContentTypeField": "fields",
    "SerializedPKRelatedField": "fields",
    "TimeZoneSerializerField": "fields",
    "ModelViewSet": "views",
    "ReadOnlyModelViewSet": "views",
    "OrderedDefaultRouter": "routers",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
