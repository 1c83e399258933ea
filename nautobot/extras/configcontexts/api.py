"""The rendered `config_context` of devices and VMs in the REST API.

Registered with the core machinery by `register.py`: the viewset of every model with `ConfigContextModel`
shows `config_context` without a line in its spec.

`config_context` is part of a device's (or VM's) representation unless the request says
`?exclude=config_context`, as in the original 1.x; it is computed for a whole page at once
(`rendered.rendered_config_contexts`), so a list costs the same queries for 1 or 1,000 rows.
"""

from rest_framework import serializers

from nautobot.extras.configcontexts.mixins import ConfigContextModel
from nautobot.extras.configcontexts.rendered import rendered_config_contexts
from nautobot.extras.tags.loading import load_tags

CONFIG_CONTEXT = "config_context"


RENDERED = "_nautobot_rendered_config_context"


class ConfigContextField(serializers.Field):
    """`config_context`: read-only, the merged context data (preloaded per page by the viewset)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj) -> dict:
        rendered = getattr(obj, RENDERED, None)
        if rendered is None:
            rendered = rendered_config_contexts([obj])[obj.pk]
        return rendered


def receives_config_context(model) -> bool:
    return issubclass(model, ConfigContextModel)


def _excludes_config_context(request) -> bool:
    return any(CONFIG_CONTEXT in value.split(",") for value in request.query_params.getlist("exclude"))


_with: dict[type, type] = {}


def _serializer_with_config_context(serializer_class: type) -> type:
    variant = _with.get(serializer_class)
    if variant is None:
        meta = type("Meta", (serializer_class.Meta,), {"fields": (*serializer_class.Meta.fields, CONFIG_CONTEXT)})
        variant = _with[serializer_class] = type(
            f"{serializer_class.__name__}WithConfigContext", (serializer_class,), {"Meta": meta}
        )
    return variant


class ConfigContextViewSetMixin:
    """Devices and VMs: `config_context` rendered for the whole page; `?exclude=config_context` leaves it out.

    Only API responses carry it (as the original's `...WithConfigContextSerializer`): the model's own
    serializer, used for change-log snapshots and webhooks, does not.
    """

    def get_serializer_class(self):
        serializer_class = super().get_serializer_class()
        if self.brief or _excludes_config_context(self.request):
            return serializer_class
        return _serializer_with_config_context(serializer_class)

    def _represent(self, objects: list) -> list[dict]:
        if CONFIG_CONTEXT in self.get_serializer_class().Meta.fields and objects:
            load_tags(objects)  # once for the tag scopes and the `tags` field
            rendered = rendered_config_contexts(objects)
            for obj in objects:
                setattr(obj, RENDERED, rendered[obj.pk])
        return super()._represent(objects)


def config_context_builder(model_class):
    return ConfigContextField, {}


def config_context_viewset_mixin(spec):
    return ConfigContextViewSetMixin if receives_config_context(spec.model) else None
