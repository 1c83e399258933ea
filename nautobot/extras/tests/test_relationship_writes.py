"""Writing `relationships` together with an object (REST, API 1.4+ payload shape)."""

import pytest

from nautobot.dcim.tests import builders as b
from nautobot.core.testing.api import TokenClient
from nautobot.extras.models import Relationship, RelationshipAssociation
from nautobot.users.models import Token

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(django_user_model):
    user = django_user_model.objects.create_superuser("rel-admin", "r@example.com", "pw")
    return TokenClient(Token.objects.create(user=user).key, version="1.4")


def relationship(kind: str, source: str = "dcim.site", destination: str = "dcim.device") -> Relationship:
    slug = b.unique("rel").replace("-", "_")
    return Relationship.objects.create(
        name=slug,
        slug=slug,
        type=kind,
        source_type=b.content_type(source),
        destination_type=b.content_type(destination),
    )


def peers(api, url: str, slug: str, side: str) -> set[str]:
    body = api.get(url, include="relationships").json()
    return {o["id"] for o in body["relationships"][slug][side]["objects"]}


def test_create_with_relationships_then_replace_a_side(api):
    rel = relationship("many-to-many")
    d1, d2, d3 = b.device(), b.device(), b.device()
    created = api.post(
        "/api/dcim/sites/",
        {
            "name": "rel-site",
            "slug": "rel-site",
            "status": "active",
            "relationships": {rel.slug: {"destination": {"objects": [str(d1.pk), {"name": d2.name}]}}},
        },
    )
    assert created.status_code == 201, created.content
    url = f"/api/dcim/sites/{created.json()['id']}/"
    assert "relationships" not in created.json()
    assert peers(api, url, rel.slug, "destination") == {str(d1.pk), str(d2.pk)}
    patched = api.patch(url, {"relationships": {rel.slug: {"destination": {"objects": [str(d2.pk), str(d3.pk)]}}}})
    assert patched.status_code == 200, patched.content
    assert peers(api, url, rel.slug, "destination") == {str(d2.pk), str(d3.pk)}
    # The device side sees it from the other end, and can clear it.
    device_url = f"/api/dcim/devices/{d3.pk}/"
    assert peers(api, device_url, rel.slug, "source") == {created.json()["id"]}
    assert api.patch(device_url, {"relationships": {rel.slug: {"source": {"objects": []}}}}).status_code == 200
    assert peers(api, url, rel.slug, "destination") == {str(d2.pk)}
    # Not mentioning relationships leaves them alone.
    assert api.patch(url, {"description": "x"}).status_code == 200
    assert RelationshipAssociation.objects.filter(relationship=rel).count() == 1


def test_symmetric_peer_side(api):
    rel = relationship("symmetric-many-to-many", "dcim.device", "dcim.device")
    a, z = b.device(), b.device()
    response = api.patch(
        f"/api/dcim/devices/{a.pk}/", {"relationships": {rel.slug: {"peer": {"objects": [str(z.pk)]}}}}
    )
    assert response.status_code == 200, response.content
    assert peers(api, f"/api/dcim/devices/{z.pk}/", rel.slug, "peer") == {str(a.pk)}
    assert (
        api.patch(
            f"/api/dcim/devices/{a.pk}/", {"relationships": {rel.slug: {"destination": {"objects": []}}}}
        ).status_code
        == 400
    )


def test_bad_relationship_payloads_are_400_and_write_nothing(api):
    one = relationship("one-to-one")
    site, other_site, device = b.site(), b.site(), b.device()
    RelationshipAssociation.objects.create(
        relationship=one,
        source_type=one.source_type,
        source_id=other_site.pk,
        destination_type=one.destination_type,
        destination_id=device.pk,
    )
    url = f"/api/dcim/sites/{site.pk}/"
    cases = [
        {"nope": {"destination": {"objects": []}}},
        {one.slug: {"source": {"objects": []}}},
        {one.slug: {"destination": {"objects": [str(b.site().pk)]}}},
        {one.slug: {"destination": "x"}},
        [1, 2],
    ]
    for payload in cases:
        response = api.patch(url, {"description": "changed", "relationships": payload})
        assert response.status_code == 400, (payload, response.content)
    # Cardinality: the device already has its one source; the whole request rolls back.
    clash = api.patch(
        url, {"description": "changed", "relationships": {one.slug: {"destination": {"objects": [str(device.pk)]}}}}
    )
    assert clash.status_code == 400 and "relationships" in clash.json()
    site.refresh_from_db()
    assert site.description == "" and RelationshipAssociation.objects.filter(relationship=one).count() == 1


@pytest.mark.django_db
def test_an_association_takes_its_objects_as_source_and_destination():
    """1.x's `RelationshipAssociation(source=a, destination=b)` (apps' tests create them so)."""
    site, device = b.site(), b.device()
    link = relationship("many-to-many")
    association = RelationshipAssociation.objects.create(relationship=link, source=site, destination=device)
    association.refresh_from_db()
    assert (association.source_id, association.destination_id) == (site.pk, device.pk)
    assert association.source == site and association.destination == device
