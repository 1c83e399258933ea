"""Writes of the web UI, through the model's API serializer: the UI, imports and the REST API share one path.

A write is validated and saved by the same serializer a `POST`/`PATCH` to the API uses (model rules,
services such as instantiating a device's components, custom fields, tags), inside the API's write
transaction (`write_transaction`: the change log and other write contexts are open in it), which is
rolled back when the saved object is outside what the user's object permissions allow.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction

from nautobot.core.api.views import write_transaction
from nautobot.core.api.serializers import serializer_for
from nautobot.core.specs import ObjectSpec
from nautobot.users.permissions import restrict


class WriteRejected(Exception):
    """Validation failed: `errors` is the serializer's error dict (field name -> messages)."""

    def __init__(self, errors: dict) -> None:
        super().__init__(errors)
        self.errors = errors


def validated_serializer(
    spec: type[ObjectSpec], request, data: dict, instance: models.Model | None = None, *, partial: bool = False
):
    """A serializer of `spec.model` bound to `data`, already validated; raise `WriteRejected` with its errors."""
    serializer = serializer_for(spec.model)(instance, data=data, partial=partial, context={"request": request})
    if not serializer.is_valid():
        raise WriteRejected(dict(serializer.errors))
    return serializer


def save_validated(spec: type[ObjectSpec], request, serializers: list, action: str) -> list[models.Model]:
    """Save validated serializers in one transaction; all or nothing.

    An integrity error becomes `WriteRejected` (with the index of the failing item under `row`); an
    object the user may not `action` after the change rolls everything back with PermissionDenied.
    """
    with write_transaction(request):
        saved = []
        for index, serializer in enumerate(serializers):
            try:
                with transaction.atomic():
                    saved.append(serializer.save())
            except IntegrityError as exc:
                first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                raise WriteRejected(
                    {"non_field_errors": [f"This object conflicts with an existing one ({first_line})."], "row": index}
                ) from None
        pks = {obj.pk for obj in saved}
        if restrict(spec.model.objects.filter(pk__in=pks), request.user, action).count() != len(pks):
            raise PermissionDenied("You do not have permission to make this change.")
    return saved


def delete_all(request, objects: list[models.Model]) -> None:
    """Delete `objects` in one write transaction (ProtectedError/RestrictedError propagate; nothing is deleted)."""
    with write_transaction(request):
        for obj in objects:
            obj.delete()


def save_one(spec: type[ObjectSpec], request, data: dict, instance: models.Model | None = None) -> models.Model:
    """Create (`instance` None) or update one object from an API-shaped `data` dict."""
    serializer = validated_serializer(spec, request, data, instance, partial=instance is not None)
    return save_validated(spec, request, [serializer], "change" if instance is not None else "add")[0]
