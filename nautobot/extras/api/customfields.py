"""Nautobot 1.x's `nautobot.extras.api.customfields`: the `custom_fields` serializer field and the serializer
mixin that adds it (the implementations live in `extras.customfields.api` and `extras.api.serializers`)."""

from nautobot.extras.api.serializers import CustomFieldModelSerializerMixin
from nautobot.extras.customfields.api import CustomFieldsDataField

# The 1.x name of the mixin before 1.4 (a serializer with `custom_fields`).
CustomFieldModelSerializer = CustomFieldModelSerializerMixin

__all__ = ["CustomFieldModelSerializer", "CustomFieldModelSerializerMixin", "CustomFieldsDataField"]
