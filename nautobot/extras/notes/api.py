"""Notes in the API: `/api/extras/notes/`, `GET/POST <object>/notes/` and `notes_url` on every model with notes.

Registered with the core machinery by `register.py`, so every model whose class has `core.models.NotesMixin`
gets them without a line in its spec.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.serializers import BaseModelSerializer, represent, serializer_for
from nautobot.core.api.urlbuilding import list_url
from nautobot.core.models import NotesMixin
from nautobot.extras.notes.mixins import NotesMixin as PlainNotesMixin
from nautobot.extras.notes.models import Note
from nautobot.core.permissions import restrict


def has_notes(model) -> bool:
    return issubclass(model, (NotesMixin, PlainNotesMixin))


class NotesURLField(serializers.Field):
    """`notes_url`: the absolute URL of the object's `notes/` endpoint."""

    def __init__(self, **kwargs) -> None:
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, instance) -> str:
        return f"{list_url(self.context.get('request'), type(instance))}{instance.pk}/notes/"


class NoteSerializerBase(BaseModelSerializer):
    """Notes: the author is the requesting user; the object noted must exist and accept notes."""

    assigned_object = serializers.SerializerMethodField(read_only=True)

    def get_assigned_object(self, obj) -> dict | None:
        target = obj.assigned_object
        return None if target is None else brief_representation(target, self.context.get("request"))

    def validate(self, attrs: dict) -> dict:
        content_type = attrs.get("assigned_object_type", getattr(self.instance, "assigned_object_type", None))
        object_id = attrs.get("assigned_object_id", getattr(self.instance, "assigned_object_id", None))
        model = content_type.model_class() if content_type else None
        if model is None or not has_notes(model):
            raise serializers.ValidationError({"assigned_object_type": f"Notes cannot be assigned to {content_type}."})
        try:
            model.objects.get(pk=object_id)
        except (ObjectDoesNotExist, ValueError):
            raise serializers.ValidationError(
                {"assigned_object_id": f"No {model._meta.verbose_name} with id {object_id}."}
            ) from None
        return super().validate(attrs)

    def create(self, validated_data: dict):
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            validated_data["user"] = request.user
            validated_data["user_name"] = request.user.username
        return super().create(validated_data)


class NotesViewSetMixin:
    """`GET <id>/notes/` lists the object's notes (paginated); `POST` adds one by the requesting user."""

    @action(detail=True, methods=["get", "post"], url_path="notes")
    def notes(self, request, pk=None):
        try:
            obj = get_object_or_404(self.get_queryset(), pk=pk)
        except (DjangoValidationError, ValueError):  # a route whose ids are not only UUIDs (jobs by class path)
            raise Http404 from None
        content_type = ContentType.objects.get_for_model(obj)
        if request.method == "POST":
            if not request.user.has_perm("extras.add_note"):
                self.permission_denied(request, message="You do not have permission to add notes.")
            given = dict(request.data.items()) if hasattr(request.data, "items") else {}
            data = {
                **given,
                "assigned_object_type": f"{content_type.app_label}.{content_type.model}",
                "assigned_object_id": str(obj.pk),
            }
            serializer = serializer_for(Note, version=request.version)(data=data, context={"request": request})
            serializer.is_valid(raise_exception=True)
            serializer.save()
            return Response(serializer.data, status=status.HTTP_201_CREATED)
        notes = restrict(
            Note.objects.filter(assigned_object_type=content_type, assigned_object_id=obj.pk), request.user, "view"
        )
        notes = notes.select_related("user", "assigned_object_type")
        page = self.paginate_queryset(notes)
        rows = [setattr(note, "assigned_object", obj) or note for note in page]
        return self.get_paginated_response(
            represent(serializer_for(Note, version=request.version), rows, {"request": request})
        )


def notes_field_names(model) -> tuple[str, ...]:
    return ("notes_url",) if has_notes(model) else ()


def notes_url_builder(model_class):
    return NotesURLField, {}


def notes_viewset_mixin(spec):
    return NotesViewSetMixin if has_notes(spec.model) else None
