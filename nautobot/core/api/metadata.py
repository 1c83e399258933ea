"""OPTIONS responses: `actions.POST` with each field's type and `{value, display}` choices."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, serializers
from rest_framework.metadata import SimpleMetadata
from rest_framework.request import clone_request

from nautobot.core.api.fields import ContentTypeField, NestedRelatedField


class NautobotMetadata(SimpleMetadata):
    """DRF's metadata with the original's choice shape; related objects are never enumerated."""

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
            return {"POST": self.get_serializer_info(view.get_serializer())}
        except (exceptions.APIException, PermissionDenied, Http404):
            return {}
        finally:
            view.request = request

    def get_field_info(self, field) -> dict:
        info = super().get_field_info(field)
        if isinstance(field, NestedRelatedField) or isinstance(getattr(field, "child_relation", None), NestedRelatedField):
            info.pop("choices", None)
            return info
        choices = self._choices(field)
        if choices is not None:
            info["choices"] = choices
        return info

    def _choices(self, field) -> list[dict] | None:
        source = field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
        if isinstance(source, ContentTypeField):
            return [{"value": key, "display": key} for key in source.get_choices()]
        choice_list = getattr(source, "metadata_choices", None)
        if callable(choice_list):
            return choice_list()
        if isinstance(source, serializers.ChoiceField) and not field.read_only:
            return [{"value": value, "display": str(label)} for value, label in source.choices.items()]
        return None
