"""`ObjectChange`: one logged create, update or delete of an object."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from nautobot.core.models import BaseModel
from nautobot.extras.changelog.choices import ChangeContextKind, ObjectChangeAction


class ObjectChange(BaseModel):
    """A change of one object: who (user, request id, context), what (action, object), and the object's
    API representation after the change (before it, for a delete)."""

    time = models.DateTimeField(db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, related_name="changes", blank=True, null=True
    )
    user_name = models.CharField(max_length=150, editable=False)
    request_id = models.UUIDField(editable=False, db_index=True)
    action = models.CharField(max_length=50, choices=ObjectChangeAction.choices)
    change_context = models.CharField(max_length=50, choices=ChangeContextKind.choices, editable=False, db_index=True)
    change_context_detail = models.CharField(max_length=400, blank=True, editable=False)
    changed_object_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    changed_object_id = models.UUIDField(db_index=True)
    changed_object = GenericForeignKey(ct_field="changed_object_type", fk_field="changed_object_id")
    related_object_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", blank=True, null=True
    )
    related_object_id = models.UUIDField(blank=True, null=True)
    related_object = GenericForeignKey(ct_field="related_object_type", fk_field="related_object_id")
    object_repr = models.CharField(max_length=200, editable=False)
    object_data = models.JSONField(encoder=DjangoJSONEncoder, editable=False)

    class Meta:
        ordering = ("-time",)
        indexes = [
            models.Index(
                fields=["changed_object_type", "changed_object_id", "time"], name="extras_objchange_object_time"
            ),
            models.Index(
                fields=["request_id", "changed_object_type", "changed_object_id"], name="extras_objchange_request"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.changed_object_type.model} {self.object_repr} {self.get_action_display().lower()} by {self.user_name}"
