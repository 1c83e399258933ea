"""A 1.x app's REST API written against our 1.x names, on a built-in model (sites), as an app's
`api/serializers.py`, `filters.py`, `api/views.py` and `api/urls.py` would be; the root URL configuration of
`test_app_api_rest.py` (ours plus `/api/app1x/`)."""

import django_filters
from django.db.models import Q
from django.urls import include, path
from rest_framework import serializers

from nautobot.core.api import ModelViewSet, OrderedDefaultRouter, ValidatedModelSerializer, WritableNestedSerializer
from nautobot.core.urls import urlpatterns as nautobot_urlpatterns
from nautobot.dcim.api.nested_serializers import NestedRegionSerializer
from nautobot.dcim.models import Region, Site
from nautobot.extras.api.serializers import (
    NautobotModelSerializer,
    StatusModelSerializerMixin,
    TaggedModelSerializerMixin,
)
from nautobot.extras.api.views import NautobotModelViewSet, StatusViewSetMixin
from nautobot.extras.filters import CreatedUpdatedFilterSet, CustomFieldModelFilterSet, StatusModelFilterSetMixin
from nautobot.utilities.filters import BaseFilterSet, NaturalKeyOrPKMultipleChoiceFilter, TagFilter


class NestedAppSiteSerializer(WritableNestedSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="app1x-api:site-detail")

    class Meta:
        model = Site
        fields = ["id", "url", "name", "slug"]


class AppSiteSerializer(NautobotModelSerializer, TaggedModelSerializerMixin, StatusModelSerializerMixin):
    url = serializers.HyperlinkedIdentityField(view_name="app1x-api:site-detail")
    region = NestedRegionSerializer(required=False, allow_null=True)

    class Meta:
        model = Site
        fields = ["id", "url", "name", "slug", "status", "region", "tenant", "description", "tags"]


class AppSiteFilterSet(BaseFilterSet, CreatedUpdatedFilterSet, CustomFieldModelFilterSet, StatusModelFilterSetMixin):
    q = django_filters.CharFilter(method="search", label="Search")
    tag = TagFilter()
    region = NaturalKeyOrPKMultipleChoiceFilter(queryset=Region.objects.all(), field_name="region", label="Region")
    description = django_filters.CharFilter()

    class Meta:
        model = Site
        fields = ["id", "name", "slug", "asn"]

    def search(self, queryset, name, value):
        if not value.strip():
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(description__icontains=value))


class AppSiteViewSet(NautobotModelViewSet, StatusViewSetMixin):
    queryset = Site.objects.all()
    serializer_class = AppSiteSerializer
    filterset_class = AppSiteFilterSet


class AppRegionSerializer(ValidatedModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "name", "slug", "parent", "description"]


class AppRegionViewSet(ModelViewSet):
    """No `filterset_class`: the model's generated filterset filters."""

    queryset = Region.objects.all()
    serializer_class = AppRegionSerializer


router = OrderedDefaultRouter()
router.register("sites", AppSiteViewSet)
router.register("regions", AppRegionViewSet)

urlpatterns = [
    path("api/app1x/", include((router.urls, "app1x-api"))),
    *nautobot_urlpatterns,
]
