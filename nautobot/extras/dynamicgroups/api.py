"""Dynamic groups in the REST API (`/api/extras/dynamic-groups/`, `/dynamic-group-memberships/`), as 1.x: a group
shows its `filter` (written as an object of filter parameters, checked against the member model's filterset: a bad
parameter is a 400 naming it) and its `children` (memberships, read-only: written at their own endpoint);
`<id>/members/` lists the members the user may view, paginated, in the member model's own representation."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.serializers import BaseModelSerializer, get_serializer_for_model
from nautobot.core.api.views import ModelViewSet
from nautobot.core.permissions import restrict
from nautobot.extras.dynamicgroups.models import members_query


class DynamicGroupSerializerBase(BaseModelSerializer):
    filter = serializers.JSONField(required=False)
    children = serializers.SerializerMethodField()

    def get_children(self, group) -> list[dict]:
        request = self.context.get("request")
        return [brief_representation(m, request) for m in group.dynamic_group_memberships.all()]

    def validate_filter(self, value):
        if not isinstance(value, dict):
            raise serializers.ValidationError('Enter an object of filter parameters, e.g. {"site": ["ams01"]}.')
        return value

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        content_type = attrs.get("content_type") or getattr(self.instance, "content_type", None)
        filter_data = attrs.get("filter", getattr(self.instance, "filter", None) or {})
        if content_type is not None and content_type.model_class() is not None:
            try:
                members_query(content_type.model_class(), filter_data)
            except DjangoValidationError as exc:
                raise serializers.ValidationError(exc.message_dict) from None
        return attrs


class DynamicGroupViewSetBase(ModelViewSet):
    @action(detail=True, methods=["get"])
    def members(self, request, pk=None):
        """`GET <id>/members/`: the group's members that the user may view, paginated (1.x)."""
        group = self.get_object()
        model = group.model
        queryset = restrict(group.get_queryset(), request.user, "view").order_by(*(model._meta.ordering or ("pk",)))
        page = self.paginate_queryset(queryset)
        rows = page if page is not None else list(queryset)
        serializer = get_serializer_for_model(model)
        context = self.get_serializer_context()
        if self.brief:
            data = [brief_representation(obj, request) for obj in rows]
        else:
            data = serializer(rows, many=True, context=context).data
        return self.get_paginated_response(data) if page is not None else Response(data)
