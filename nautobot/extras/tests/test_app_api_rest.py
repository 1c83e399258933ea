"""A 1.x app's REST API (serializer, nested serializer, filterset, viewset and router written against the 1.x
names) served by ours: the payload, `?brief`, filters with their 1.x lookup variants, writes through the
write path (change log), bulk writes on the list URL, object permissions, versions and errors.
The app's API is `app_1x_api_urls.py`, on sites."""

import pytest
from django.test import override_settings
from django.contrib.contenttypes.models import ContentType
from rest_framework.test import APIRequestFactory, force_authenticate

from nautobot.circuits.tests import builders as cb
from nautobot.core.api import ContentTypeField, ValidatedModelSerializer
from nautobot.core.testing.api import TokenClient
from nautobot.dcim.models import Region, Site
from nautobot.dcim.tests import builders as b
from nautobot.extras.api.views import NautobotModelViewSet, StatusViewSetMixin
from nautobot.extras.changelog.models import ObjectChange
from nautobot.extras.models import Status
from nautobot.extras.api.fields import StatusSerializerField  # the 1.x path apps import it from
from nautobot.extras.tests import app_1x_api_urls as app
from nautobot.users.models import ObjectPermission, Token
from nautobot.utilities.filters import BaseFilterSet

pytestmark = pytest.mark.django_db
SITES = "/api/app1x/sites/"


@pytest.fixture(autouse=True)
def app_urls(settings):
    settings.ROOT_URLCONF = "nautobot.extras.tests.app_1x_api_urls"


def test_the_app_payload_is_its_serializer_with_what_nautobot_adds(api):
    region = b.region()
    site = b.site(region=region, description="first")
    tag = b.tag()
    site.tags.add(tag)
    response = api.get(f"{SITES}{site.pk}/")
    assert response.status_code == 200, response.content
    assert response["API-Version"]
    data = response.json()
    assert set(data) == {
        *("id", "url", "display", "name", "slug", "status", "region", "tenant", "description", "tags"),
        *("custom_fields", "notes_url", "created", "last_updated"),
    }
    assert data["url"].endswith(f"{SITES}{site.pk}/")
    assert data["display"] == site.name
    assert data["status"] == {"value": "active", "label": "Active"}
    # A declared nested serializer is the related object's brief form; an undeclared foreign key its pk.
    assert data["region"]["id"] == str(region.pk) and data["region"]["url"].endswith(f"/api/dcim/regions/{region.pk}/")
    assert data["tenant"] is None
    assert [t["slug"] for t in data["tags"]] == [tag.slug]
    assert data["notes_url"].endswith(f"/{site.pk}/notes/")
    listed = api.get(SITES, id=site.pk).json()
    assert listed["count"] == 1 and listed["results"][0] == data


def test_brief_uses_the_nested_serializer_of_the_model(api):
    site = b.site()
    data = api.get(f"{SITES}{site.pk}/", brief=1).json()
    assert set(data) == {"id", "url", "display", "name", "slug"}
    assert api.get(SITES, brief=1, id=site.pk).json()["results"] == [data]


def test_a_create_goes_through_the_write_path(api):
    region, tag, tenant = b.region(), b.tag(), b.tenant()
    payload = {"name": "app-site", "slug": "app-site", "status": "active", "region": {"slug": region.slug}}
    payload |= {"tags": [str(tag.pk)], "tenant": str(tenant.pk)}
    response = api.post(SITES, payload)
    assert response.status_code == 201, response.content
    data = response.json()
    site = Site.objects.get(pk=data["id"])
    assert site.region == region and list(site.tags.all()) == [tag]
    assert data["region"]["id"] == str(region.pk) and data["status"]["value"] == "active"
    assert data["tenant"] == str(tenant.pk)
    change = ObjectChange.objects.get(changed_object_id=site.pk)
    assert change.action == "create" and response["X-Request-ID"] == str(change.request_id)
    assert change.object_data["name"] == "app-site"


def test_bad_input_is_a_400_naming_the_field(api):
    response = api.post(SITES, {"name": "x", "slug": "x", "status": "active", "region": {"slug": "nope"}})
    assert response.status_code == 400 and "region" in response.json()
    response = api.post(SITES, {"name": "x", "slug": "x", "status": "no-such-status"})
    assert response.status_code == 400 and "status" in response.json()
    response = api.post(SITES, {"name": "x", "slug": "x"})
    assert response.status_code == 400 and "status" in response.json()


def test_update_and_bulk_writes_on_the_list_url(api):
    first, second = b.site(), b.site()
    response = api.patch(f"{SITES}{first.pk}/", {"description": "patched", "region": None})
    assert response.status_code == 200 and response.json()["description"] == "patched"
    response = api.patch(SITES, [{"id": str(s.pk), "description": "bulk"} for s in (first, second)])
    assert response.status_code == 200, response.content
    assert {s.description for s in Site.objects.filter(pk__in=[first.pk, second.pk])} == {"bulk"}
    response = api.delete(SITES, [{"id": str(first.pk)}, {"id": str(second.pk)}])
    assert response.status_code == 204
    assert not Site.objects.filter(pk__in=[first.pk, second.pk]).exists()
    assert ObjectChange.objects.filter(changed_object_id=first.pk, action="delete").exists()


def ids(api, **params) -> set[str]:
    response = api.get(SITES, limit=0, **params)
    assert response.status_code == 200, (params, response.content)
    return {r["id"] for r in response.json()["results"]}


def test_the_app_filterset_filters_with_the_1x_lookups(api):
    north, south = b.region(), b.region()
    alpha = b.site(region=north, description="alpha site")
    beta = b.site(region=south, asn=65001)
    tag = b.tag()
    alpha.tags.add(tag)
    scope = {"id": [alpha.pk, beta.pk]}
    assert ids(api, name=[alpha.name, beta.name]) == {str(alpha.pk), str(beta.pk)}
    assert ids(api, **scope, name__n=alpha.name) == {str(beta.pk)}
    assert ids(api, **scope, name__ic=alpha.name.upper()) == {str(alpha.pk)}
    assert ids(api, **scope, asn__gte=65000) == {str(beta.pk)}
    assert ids(api, **scope, region=north.slug) == {str(alpha.pk)}
    assert ids(api, **scope, region=south.pk) == {str(beta.pk)}
    assert ids(api, **scope, tag=tag.slug) == {str(alpha.pk)}
    assert ids(api, **scope, tag__n=tag.slug) == {str(beta.pk)}
    assert ids(api, **scope, status="active") == {str(alpha.pk), str(beta.pk)}
    assert ids(api, **scope, status__n="active") == set()
    assert ids(api, **scope, q="ALPHA") == {str(alpha.pk)}
    # A parameter the app's filterset does not know is a 400, as 1.6's with STRICT_FILTERING (the default)...
    unknown = api.get(SITES, **scope, include_inherited="true")
    assert unknown.status_code == 400 and unknown.json() == {"include_inherited": ["Unknown filter field"]}
    # ...and ignored without it.
    with override_settings(STRICT_FILTERING=False):
        assert ids(api, **scope, include_inherited="true") == {str(alpha.pk), str(beta.pk)}
    assert api.get(SITES, region="no-such-region").status_code == 400
    assert api.get(SITES, status="no-such-status").status_code == 400


def test_the_filterset_generates_the_1x_variants():
    names = set(app.AppSiteFilterSet.base_filters)
    assert {"name__ic", "name__nire", "slug__isw", "asn__lt", "asn__n", "id__n", "status__n", "tag__n"} <= names
    assert {"region__n", "created__gte", "last_updated__lte"} <= names
    assert "q__ic" not in names  # a filter with a method gets no variants
    site = b.site(asn=65002)
    filterset = app.AppSiteFilterSet({"asn": [65002], "status": ["active"]}, Site.objects.all())
    assert list(filterset.qs) == [site]


def test_object_permissions_and_token_rules_apply(django_user_model):
    user = django_user_model.objects.create_user("app-reader")
    seen, hidden = b.site(), b.site()
    permission = ObjectPermission.objects.create(name="some sites", actions=["view"], constraints={"pk": str(seen.pk)})
    permission.users.add(user)
    permission.object_types.add(ContentType.objects.get_for_model(Site))
    client = TokenClient(Token.objects.create(user=user).key)
    assert ids(client, id=[seen.pk, hidden.pk]) == {str(seen.pk)}
    assert client.get(f"{SITES}{hidden.pk}/").status_code == 404
    assert client.post(SITES, {"name": "n", "slug": "n", "status": "active"}).status_code == 403


def test_api_versions_options_and_the_app_root(api):
    old = TokenClient(api.headers["HTTP_AUTHORIZATION"].split()[1], version="1.3")
    response = old.get(SITES)
    assert response.status_code == 200 and response["API-Version"] == "1.3"
    options = api.options(SITES).json()
    assert {c["value"] for c in options["actions"]["POST"]["status"]["choices"]} >= {"active"}
    root = api.get("/api/app1x/").json()
    assert list(root) == ["regions", "sites"] and root["sites"].endswith(SITES)


def test_exempt_view_permissions_let_anyone_read(settings, django_user_model):
    site = b.site()
    anonymous, nobody = (
        TokenClient(None),
        TokenClient(Token.objects.create(user=django_user_model.objects.create_user("x")).key),
    )
    assert anonymous.get(f"{SITES}{site.pk}/").status_code == 403
    assert nobody.get(f"{SITES}{site.pk}/").status_code == 403
    settings.EXEMPT_VIEW_PERMISSIONS = ["dcim.site"]
    assert anonymous.get(f"{SITES}{site.pk}/").status_code == 200
    assert nobody.get(f"/api/dcim/sites/{site.pk}/").status_code == 200
    assert anonymous.get("/api/dcim/regions/").status_code == 403
    assert anonymous.post(SITES, {"name": "n", "slug": "n", "status": "active"}).status_code == 403
    settings.EXEMPT_VIEW_PERMISSIONS = ["*"]
    assert anonymous.get("/api/dcim/regions/").status_code == 200


def test_serializers_under_their_1x_names():
    from nautobot.circuits.api.nested_serializers import NestedProviderSerializer
    from nautobot.dcim.api import nested_serializers
    from nautobot.dcim.api.serializers import DeviceSerializer, NestedDeviceSerializer
    from nautobot.dcim.models import Device
    from nautobot.utilities.api import SerializerNotFound, get_serializer_for_model

    assert NestedDeviceSerializer is nested_serializers.NestedDeviceSerializer
    assert "NestedInterfaceSerializer" in nested_serializers.__all__
    assert get_serializer_for_model(Device, prefix="Nested") is NestedDeviceSerializer
    assert get_serializer_for_model(Device) is DeviceSerializer
    with pytest.raises(SerializerNotFound):
        get_serializer_for_model(Device, prefix="Bogus")
    provider = cb.provider()
    data = NestedProviderSerializer(provider, context={"request": None}).data
    assert (
        data["id"] == str(provider.pk) and data["display"] == str(provider) and data["url"].endswith(f"/{provider.pk}/")
    )
    with pytest.raises(AttributeError):
        nested_serializers.NestedNoSuchModelSerializer  # noqa: B018


def test_custom_fields_in_the_app_payload_and_filters(api):
    field = b.custom_field("dcim.site", type="text")
    tagged = b.site(_custom_field_data={field.name: "blue"})
    other = b.site()
    data = api.get(f"{SITES}{tagged.pk}/").json()
    assert data["custom_fields"][field.name] == "blue"
    assert ids(api, id=[tagged.pk, other.pk], **{f"cf_{field.name}": "blue"}) == {str(tagged.pk)}
    filterset = app.AppSiteFilterSet({f"cf_{field.name}": ["blue"], "id": [tagged.pk, other.pk]}, Site.objects.all())
    assert list(filterset.qs) == [tagged]
    response = api.patch(f"{SITES}{other.pk}/", {"custom_fields": {field.name: "red"}})
    assert response.status_code == 200 and response.json()["custom_fields"][field.name] == "red"


def test_nautobot_filterset_has_the_relationship_filters():
    from nautobot.apps.filters import NautobotFilterSet
    from nautobot.extras.relationships.models import Relationship, RelationshipAssociation

    class SiteFilterSet(NautobotFilterSet):
        class Meta:
            model = Site
            fields = ["id", "name"]

    tenant_type, site_type = b.content_type("tenancy.tenant"), b.content_type("dcim.site")
    relationship = Relationship.objects.create(
        name="site-sponsor",
        slug="site_sponsor",
        type="one-to-many",
        source_type=tenant_type,
        destination_type=site_type,
    )
    sponsor, sponsored, other = b.tenant(), b.site(), b.site()
    RelationshipAssociation.objects.create(
        relationship=relationship,
        source_type=tenant_type,
        source_id=sponsor.pk,
        destination_type=site_type,
        destination_id=sponsored.pk,
    )
    scope = {"id": [sponsored.pk, other.pk]}
    assert list(SiteFilterSet({**scope, "cr_site_sponsor__source": [sponsor.pk]}, Site.objects.all()).qs) == [sponsored]
    assert set(SiteFilterSet(scope, Site.objects.all()).qs) == {sponsored, other}
    assert "cr_site_sponsor__source" in SiteFilterSet().filters
    assert {"name__ic", "created__gte", "last_updated"} <= set(SiteFilterSet.base_filters)


def test_the_app_endpoints_are_in_the_openapi_schema():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator(patterns=app.urlpatterns[:1]).get_schema(request=None, public=True)
    # Paths are given without `/api` (the schema settings trim it).
    assert {"/app1x/sites/", "/app1x/sites/{id}/", "/app1x/sites/{id}/notes/"} <= set(schema["paths"])
    assert {"get", "post", "put", "patch", "delete"} <= set(schema["paths"]["/app1x/sites/"])
    properties = schema["components"]["schemas"]["AppSite"]["properties"]
    assert {"id", "url", "display", "name", "status", "region", "tenant", "tags", "custom_fields"} <= set(properties)


def test_a_plain_1x_viewset_and_validated_serializer(api):
    parent = b.region()
    response = api.post("/api/app1x/regions/", {"name": "app-region", "slug": "app-region", "parent": str(parent.pk)})
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == {"id", "display", "name", "slug", "parent", "description", "created", "last_updated"}
    assert data["parent"] == str(parent.pk)
    # The model's rules run on every write (a region cannot be its own parent).
    response = api.patch(f"/api/app1x/regions/{data['id']}/", {"parent": data["id"]})
    assert response.status_code == 400, response.content
    # Without a filterset of its own the model's generated one filters; unknown parameters are ignored.
    listed = api.get("/api/app1x/regions/", slug="app-region", unknown="1").json()
    assert [row["id"] for row in listed["results"]] == [data["id"]]


class _StatusSerializer(ValidatedModelSerializer):
    content_types = ContentTypeField(queryset=ContentType.objects.all(), many=True)

    class Meta:
        model = Status
        fields = ["id", "name", "slug", "color", "content_types"]


class _StatusViewSet(NautobotModelViewSet):
    queryset = Status.objects.all()
    serializer_class = _StatusSerializer


class _StatusViewSetWithTheMixin(StatusViewSetMixin, _StatusViewSet):
    pass


def _post_options(viewset, user) -> dict:
    request = APIRequestFactory().options("/api/app1x/statuses/")
    force_authenticate(request, user=user)
    response = viewset.as_view({"get": "list", "post": "create"})(request)
    assert response.status_code == 200, response.data
    return response.data["actions"]["POST"]


class _SiteViewSetWithoutTheMixin(NautobotModelViewSet):
    queryset = Site.objects.all()
    serializer_class = app.AppSiteSerializer


def test_options_lists_related_choices_where_1x_does(admin_user, api):
    """1.x's metadata lists the choices of content type fields and statuses only with `ContentTypeMetadata` and
    `StatusFieldMetadata`: on its own endpoints and on `StatusViewSetMixin` viewsets; an app's other viewsets list
    none (its tests' `choices_fields` say so)."""
    assert "choices" not in _post_options(_StatusViewSet, admin_user)["content_types"]
    assert "choices" not in _post_options(_SiteViewSetWithoutTheMixin, admin_user)["status"]
    assert {"value": "active", "display": "Active"} in _post_options(app.AppSiteViewSet, admin_user)["status"][
        "choices"
    ]
    choices = _post_options(_StatusViewSetWithTheMixin, admin_user)["content_types"]["choices"]
    assert {"value": "dcim.site", "display": "dcim | site"} in choices
    ours = api.options("/api/extras/statuses/").json()["actions"]["POST"]["content_types"]
    assert {"value": "dcim.site", "display": "dcim | site"} in ours["choices"]


def test_a_1x_filterset_filters_by_id_without_naming_it():
    """As 1.x's `BaseFilterSet`, `id` (and its variants) is a filter even when `Meta.fields` leaves it out."""

    class RegionFilterSet(BaseFilterSet):
        class Meta:
            model = Region
            fields = ["name"]

    first, second = b.region(), b.region()
    assert {"id", "id__n", "name"} <= set(RegionFilterSet.base_filters)
    assert list(RegionFilterSet({"id": [str(first.pk)]}, Region.objects.all()).qs) == [first]
    assert list(RegionFilterSet({"id__n": [str(first.pk)]}, Region.objects.all()).qs) == [second]


def test_tags_are_left_out_for_a_model_without_tags(api):
    """1.x apps put `TaggedObjectSerializer` on every serializer, models without tags included: 1.x leaves
    `tags` out of those objects (its field is optional, so DRF skips it), where ours raised AttributeError."""
    from nautobot.extras.api.serializers import TaggedObjectSerializer
    from nautobot.tenancy.models import TenantGroup

    class GroupSerializer(TaggedObjectSerializer):
        class Meta:
            model = TenantGroup
            fields = ["id", "name", "tags"]

    group = TenantGroup.objects.create(name="G", slug="g")
    assert not hasattr(group, "tags")
    data = GroupSerializer(group, context={"request": None}).data
    assert data["name"] == "G" and "tags" not in data


def test_a_status_field_an_app_declares_optional_is_optional():
    """1.x apps declare `StatusSerializerField(required=False, ...)` for models whose status may be empty (the
    Device Lifecycle app's CVEs); it was required whatever the app said. Undeclared, it is required, as 1.x's."""

    class OptionalStatusSerializer(app.AppSiteSerializer):
        status = StatusSerializerField(queryset=Status.objects.all(), required=False)

    assert not OptionalStatusSerializer().fields["status"].required
    assert app.AppSiteSerializer().fields["status"].required
