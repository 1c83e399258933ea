"""OPTIONS responses: `actions.POST` with each field's type and `{value, display}` choices."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, serializers
from rest_framework.metadata import SimpleMetadata
from rest_framework.request import clone_request
from rest_framework.utils.field_mapping import ClassLookupDict

from nautobot.core.api.fields import ChoiceField, ContentTypeField, NestedRelatedField


class NautobotMetadata(SimpleMetadata):
    """DRF's metadata with the original's choice shape; related objects are never enumerated.

    Enumerations are of type `field` (the original's choice fields are not DRF's), and a content type's
    choice is displayed as `app_label | verbose name`, as the original's.
    """

    label_lookup = ClassLookupDict({**SimpleMetadata.label_lookup.mapping, ChoiceField: "field"})

    def determine_actions(self, request, view) -> dict:
        # Only POST: list URLs also take PUT (bulk update), which has no single object to describe.
        if "POST" not in view.allowed_methods:
            return {}
        view.request = clone_request(request, "POST")
        try:
            view.check_permissions(view.request)
            # The original describes its newest serializer whatever version was negotiated: at the default 1.2,
            # an interface's `status` (1.4+) and a tag's `content_types` (1.3+) are listed. Clients lean on it:
            # the Ansible collection looks every choice label up in OPTIONS with no version set.
            view.request.version = None
            self.lists_related_choices = lists_related_choices(view)
            return {"POST": self.get_serializer_info(view.get_serializer())}
        except (exceptions.APIException, PermissionDenied, Http404):
            return {}
        finally:
            view.request = request

    def get_serializer_info(self, serializer) -> dict:
        info = super().get_serializer_info(serializer)
        if "custom_fields" in info and "computed_fields" not in info:
            # Given with `?include=computed_fields`: listed read-only, as the original lists it.
            info["computed_fields"] = {
                "type": "field",
                "required": False,
                "read_only": True,
                "label": "Computed fields",
            }
        return info

    def get_field_info(self, field) -> dict:
        info = super().get_field_info(field)
        if getattr(field, "metadata_type", None):
            info["type"] = field.metadata_type
        if isinstance(field, NestedRelatedField) or isinstance(
            getattr(field, "child_relation", None), NestedRelatedField
        ):
            info.pop("choices", None)
            return info
        choices = self._choices(field)
        if choices is not None:
            info["choices"] = choices
        return info

    def _choices(self, field) -> list[dict] | None:
        source = field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
        related_choices = getattr(self, "lists_related_choices", True)
        if isinstance(source, serializers.RelatedField) and not related_choices:
            return None
        if isinstance(source, ContentTypeField):
            queryset = None if field.read_only else source.get_queryset()
            if queryset is None:
                return None
            return [{"value": f"{ct.app_label}.{ct.model}", "display": content_type_display(ct)} for ct in queryset]
        choice_list = getattr(source, "metadata_choices", None)
        if callable(choice_list):
            return choice_list()
        if isinstance(source, serializers.ChoiceField) and not field.read_only:
            return [{"value": value, "display": str(label)} for value, label in source.choices.items()]
        return None


def content_type_display(content_type) -> str:
    """How the original displays a content type choice: `dcim | interface`."""
    model = content_type.model_class()
    return f"{content_type.app_label} | {model._meta.verbose_name if model else content_type.model}"


def lists_related_choices(view) -> bool:
    """Whether OPTIONS lists the choices of `view`'s related fields (content types, statuses).

    Ours (generated viewsets) do. 1.x lists none (DRF's metadata leaves related fields out) but where the viewset's
    metadata adds them: its own extensibility endpoints (content types) and the viewsets with `StatusViewSetMixin`
    (statuses and content types); an app's other viewsets list none, and their tests expect none (`choices_fields`).
    Those set `lists_related_choices`.
    """
    from nautobot.core.api.views import declared_the_1x_way  # here: the views import serializers, which import us

    if not declared_the_1x_way(type(view)):
        return True
    return bool(getattr(view, "lists_related_choices", False))
