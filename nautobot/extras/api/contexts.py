"""REST pieces of config contexts and export templates: the rendered `config_context` of devices and VMs,
the `owner` of synced records, and `?export` on every list endpoint.

Registered with the core machinery (`register`: an extra field, a viewset mixin, a list exporter): the
viewset of every model with `ConfigContextModel` shows `config_context` without a line in its spec.

`config_context` is part of a device's (or VM's) representation unless the request says
`?exclude=config_context`, as in the original 1.x; it is computed for a whole page at once
(`rendered_contexts.rendered_config_contexts`), so a list costs the same queries for 1 or 1,000 rows.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from rest_framework import exceptions, serializers

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.csv import queryset_csv
from nautobot.core.api.serializers import BaseModelSerializer
from nautobot.core.registry import ExtraField, ListExporter, ViewsetMixin, registry
from nautobot.core.specs import has_spec

CONFIG_CONTEXT = "config_context"
RENDERED = "_nautobot_rendered_config_context"


class ConfigContextField(serializers.Field):
    """`config_context`: read-only, the merged context data (preloaded per page by the viewset)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj) -> dict:
        rendered = getattr(obj, RENDERED, None)
        if rendered is None:
            from nautobot.extras.configcontexts.rendered import rendered_config_contexts

            rendered = rendered_config_contexts([obj])[obj.pk]
        return rendered


def receives_config_context(model) -> bool:
    from nautobot.extras.models import ConfigContextModel

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
            from nautobot.extras.tags.loading import load_tags
            from nautobot.extras.configcontexts.rendered import rendered_config_contexts

            load_tags(objects)  # once for the tag scopes and the `tags` field
            rendered = rendered_config_contexts(objects)
            for obj in objects:
                setattr(obj, RENDERED, rendered[obj.pk])
        return super()._represent(objects)


class OwnedSerializerBase(BaseModelSerializer):
    """Records that a data source (e.g. a Git repository) may own: read-only nested `owner`."""

    owner = serializers.SerializerMethodField(read_only=True)

    def get_owner(self, obj) -> dict | None:
        owner = obj.owner if obj.owner_content_type_id else None
        if owner is None or not has_spec(type(owner)):
            return None
        return brief_representation(owner, self.context.get("request"))


class ExportTemplateSerializerBase(OwnedSerializerBase):
    """Export templates: `content_type` must be a model with a list endpoint."""

    def validate_content_type(self, value: ContentType) -> ContentType:
        model = value.model_class()
        if model is None or not has_spec(model):
            raise serializers.ValidationError(f"{value.app_label}.{value.model} has no list to export.")
        return value


def export_list(view, request, queryset):
    """`?export=<name>`: the list rendered through that export template; `?export` alone: the list as CSV."""
    if "export" not in request.query_params:
        return None
    name = request.query_params.get("export")
    model = queryset.model
    from nautobot.extras.exporttemplates.exports import ExportError, export_filename, export_queryset

    if not name:
        content = queryset_csv(queryset, view._represent, list(view.get_serializer_class().Meta.fields))
        return _file_response(content, "text/csv", export_filename(model, "csv"))
    from nautobot.extras.models import ExportTemplate

    template = ExportTemplate.objects.filter(content_type=ContentType.objects.get_for_model(model), name=name).first()
    if template is None:
        raise exceptions.NotFound(f"No export template named {name!r} exists for {model._meta.label_lower}.")
    try:
        exported = export_queryset(template, queryset)
    except ExportError as exc:
        raise exceptions.ValidationError({"export": [str(exc)]}) from None
    return _file_response(exported.content, exported.mime_type, exported.filename)


def _file_response(content: str, mime_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mime_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _config_context_builder(model_class) -> tuple[type, dict]:
    return ConfigContextField, {}


def _config_context_mixin(spec) -> type | None:
    return ConfigContextViewSetMixin if receives_config_context(spec.model) else None


def register() -> None:
    """`config_context` on devices and VMs, `?export` on every list (called from `ExtrasConfig.ready`)."""
    registry.extra_fields.register(ExtraField(CONFIG_CONTEXT, _config_context_builder))
    registry.list_exporters.register(ListExporter(export_list))
    registry.viewset_mixins.register(ViewsetMixin(_config_context_mixin))
