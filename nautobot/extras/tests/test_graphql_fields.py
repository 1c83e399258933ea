"""GraphQL's fields of custom fields (`cf_<name>`), relationships (`rel_<slug>`) and computed fields (`cpf_<slug>`),
as 1.x has them, following the definitions while the service runs (1.6 needed a restart)."""

import logging

import pytest

from nautobot.core.graphql import dynamic
from nautobot.core.testing.api import TokenClient
from nautobot.dcim.models import Site
from nautobot.dcim.tests import builders as b
from nautobot.users.models import ObjectPermission, Token

pytestmark = pytest.mark.django_db
URL = "/api/graphql/"


def run(client, query: str):
    response = client.post(URL, {"query": query})
    assert response.status_code in (200, 400), response.content
    return response


def data(client, query: str) -> dict:
    response = run(client, query)
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    return body["data"]


def field_types(client, type_name: str) -> dict:
    """`{field: "Int" | "[String!]" | ...}` of a type, from introspection (what GraphiQL and clients read)."""

    def spell(t: dict) -> str:
        if t["kind"] == "LIST":
            return f"[{spell(t['ofType'])}]"
        if t["kind"] == "NON_NULL":
            return f"{spell(t['ofType'])}!"
        return t["name"]

    query = (
        f'{{ __type(name: "{type_name}") {{ fields {{ name type {{ kind name ofType {{ kind name '
        "ofType { kind name ofType { kind name } } } } } } }"
    )
    return {f["name"]: spell(f["type"]) for f in data(client, query)["__type"]["fields"]}


def named_site(name: str) -> Site:
    return Site.objects.create(name=name, slug=name, status=b.status())


def one(field: str, obj, selection: str) -> str:
    """The query of one object by id: `{ site(id: "...") { selection } }`."""
    return f'{{ {field}(id: "{obj.pk}") {{ {selection} }} }}'


def create(api, path: str, payload: dict) -> dict:
    response = api.post(path, payload)
    assert response.status_code == 201, response.content
    return response.json()


def test_custom_fields_show_and_go_without_a_restart(api):
    site = b.site()
    assert "cf_site_type" not in field_types(api, "SiteType")
    assert "Cannot query field 'cf_site_type'" in run(api, "{ sites { cf_site_type } }").json()["errors"][0]["message"]
    made = {}
    for name, kind, value in (
        ("site_type", "text", "edge"),
        ("floors", "integer", 3),
        ("staffed", "boolean", True),
        ("opened", "date", "2021-06-01"),
        ("tier", "select", "gold"),
        ("features", "multi-select", ["poe", "ups"]),
        ("extra", "json", {"racks": [1, 2]}),
    ):
        payload = {"name": name, "type": kind, "content_types": ["dcim.site"]}
        made[name] = create(api, "/api/extras/custom-fields/", payload)
        for choice in value if kind == "multi-select" else [value] if kind == "select" else []:
            create(api, "/api/extras/custom-field-choices/", {"field": made[name]["id"], "value": choice})
    changed = api.patch(
        f"/api/dcim/sites/{site.pk}/",
        {
            "custom_fields": {
                "site_type": "edge",
                "floors": 3,
                "staffed": True,
                "opened": "2021-06-01",
                "tier": "gold",
                "features": ["poe", "ups"],
                "extra": {"racks": [1, 2]},
            }
        },
    )
    assert changed.status_code == 200, changed.content
    types = field_types(api, "SiteType")
    assert {name: types[f"cf_{name}"] for name in made} == {
        "site_type": "String",
        "floors": "Int",
        "staffed": "Boolean",
        "opened": "Date",
        "tier": "String",
        "features": "[String!]",
        "extra": "GenericScalar",
    }
    fields = " ".join(f"cf_{name}" for name in made)
    assert data(api, f"{{ sites {{ name {fields} }} }}")["sites"] == [
        {
            "name": site.name,
            "cf_site_type": "edge",
            "cf_floors": 3,
            "cf_staffed": True,
            "cf_opened": "2021-06-01",
            "cf_tier": "gold",
            "cf_features": ["poe", "ups"],
            "cf_extra": {"racks": [1, 2]},
        }
    ]
    # An object without a value answers null.
    other = b.site()
    found = data(api, f'{{ site(id: "{other.pk}") {{ cf_floors custom_field_data }} }}')["site"]
    assert found["cf_floors"] is None and "floors" not in found["custom_field_data"]
    # Moved to devices, then deleted: the field follows.
    moved = api.patch(f"/api/extras/custom-fields/{made['floors']['id']}/", {"content_types": ["dcim.device"]})
    assert moved.status_code == 200, moved.content
    assert "cf_floors" not in field_types(api, "SiteType") and "cf_floors" in field_types(api, "DeviceType")
    assert api.delete(f"/api/extras/custom-fields/{made['site_type']['id']}/").status_code == 204
    assert "cf_site_type" not in field_types(api, "SiteType")
    assert run(api, "{ sites { cf_site_type } }").status_code == 400


def test_computed_fields_render_for_each_object(api):
    sites = [named_site("alpha"), named_site("beta")]
    create(
        api,
        "/api/extras/computed-fields/",
        {"content_type": "dcim.site", "slug": "shout", "label": "Shout", "template": "{{ obj.name|upper }}!"},
    )
    create(
        api,
        "/api/extras/computed-fields/",
        {
            "content_type": "dcim.site",
            "slug": "broken-one",
            "label": "Broken",
            "template": "{{ obj.nope.deeper() }}",
            "fallback_value": "n/a",
        },
    )
    found = data(api, "{ sites { name cpf_shout cpf_broken_one } }")["sites"]
    assert found == [{"name": s.name, "cpf_shout": f"{s.name.upper()}!", "cpf_broken_one": "n/a"} for s in sites]


def test_relationships_show_the_peers_the_user_may_view(api, django_user_model):
    create(
        api,
        "/api/extras/relationships/",
        {
            "name": "Uplink devices",
            "slug": "uplink-devices",
            "type": "one-to-many",
            "source_type": "dcim.site",
            "destination_type": "dcim.device",
        },
    )
    symmetric = create(
        api,
        "/api/extras/relationships/",
        {
            "name": "Twins",
            "slug": "twins",
            "type": "symmetric-many-to-many",
            "source_type": "dcim.site",
            "destination_type": "dcim.site",
        },
    )
    relationship = api.get("/api/extras/relationships/", slug="uplink-devices").json()["results"][0]
    site, twin = named_site("hub"), named_site("twin")
    devices = [b.device(name="core-1"), b.device(name="edge-1")]
    for device in devices:
        create(
            api,
            "/api/extras/relationship-associations/",
            {
                "relationship": relationship["id"],
                "source_type": "dcim.site",
                "source_id": str(site.pk),
                "destination_type": "dcim.device",
                "destination_id": str(device.pk),
            },
        )
    create(
        api,
        "/api/extras/relationship-associations/",
        {
            "relationship": symmetric["id"],
            "source_type": "dcim.site",
            "source_id": str(twin.pk),
            "destination_type": "dcim.site",
            "destination_id": str(site.pk),
        },
    )
    assert field_types(api, "SiteType")["rel_uplink_devices"] == "[DeviceType!]"
    assert field_types(api, "DeviceType")["rel_uplink_devices"] == "SiteType"
    assert data(api, one("site", site, "rel_uplink_devices { name } rel_twins { name }"))["site"] == {
        "rel_uplink_devices": [{"name": "core-1"}, {"name": "edge-1"}],
        "rel_twins": [{"name": "twin"}],  # the hub is the destination of the association: a peer all the same
    }
    assert data(api, one("device", devices[0], "rel_uplink_devices { name }"))["device"] == {
        "rel_uplink_devices": {"name": "hub"}
    }

    # Someone who may view the sites and the core devices only sees those.
    user = django_user_model.objects.create_user("graphql-rel", password="pw")
    grant = ObjectPermission.objects.create(name="core", actions=["view"], constraints={"name__startswith": "core"})
    grant.object_types.add(b.content_type("dcim.device"))
    grant.users.add(user)
    sites = ObjectPermission.objects.create(name="sites", actions=["view"])
    sites.object_types.add(b.content_type("dcim.site"))
    sites.users.add(user)
    reader = TokenClient(Token.objects.create(user=user).key)
    assert data(reader, one("site", site, "rel_uplink_devices { name }"))["site"] == {
        "rel_uplink_devices": [{"name": "core-1"}]
    }
    assert (
        data(reader, one("device", devices[1], "rel_uplink_devices { name }"))["device"] is None
    )  # the edge device itself is hidden


def test_prefixes_follow_the_settings(api, settings):
    site = b.site()
    b.custom_field("dcim.site", name="site_type", type="text")
    create(
        api,
        "/api/extras/computed-fields/",
        {"content_type": "dcim.site", "slug": "shout", "label": "Shout", "template": "{{ obj.name|upper }}"},
    )
    create(
        api,
        "/api/extras/relationships/",
        {
            "name": "Backup",
            "slug": "backup",
            "type": "one-to-one",
            "source_type": "dcim.site",
            "destination_type": "dcim.site",
        },
    )
    assert {"cf_site_type", "cpf_shout", "rel_backup"} <= set(field_types(api, "SiteType"))
    settings.GRAPHQL_CUSTOM_FIELD_PREFIX = "custom"
    settings.GRAPHQL_COMPUTED_FIELD_PREFIX = None  # no prefix, as 1.6
    settings.GRAPHQL_RELATIONSHIP_PREFIX = "link"
    dynamic.forget()  # as a restart with the new nautobot_config.py would
    names = set(field_types(api, "SiteType"))
    assert {"custom_site_type", "shout", "link_backup"} <= names
    assert not {"cf_site_type", "cpf_shout", "rel_backup"} & names
    found = data(api, f'{{ site(id: "{site.pk}") {{ shout link_backup {{ name }} }} }}')["site"]
    assert found == {"shout": site.name.upper(), "link_backup": None}


def test_a_name_the_type_already_has_is_left_out_with_a_warning(api, settings, caplog):
    settings.GRAPHQL_CUSTOM_FIELD_PREFIX = ""
    dynamic.forget()
    site = named_site("real-name")
    b.custom_field("dcim.site", name="name", type="text")
    b.custom_field("dcim.site", name="rack count", type="integer")  # spaces become underscores, as 1.x
    b.custom_field("dcim.site", name="a.b", type="text")  # not a GraphQL name
    with caplog.at_level(logging.WARNING, logger="nautobot.core.graphql.dynamic"):
        found = data(api, f'{{ site(id: "{site.pk}") {{ name rack_count }} }}')["site"]
    assert found == {"name": "real-name", "rack_count": None}
    messages = [r.getMessage() for r in caplog.records]
    assert any("already has a field name" in m for m in messages), messages
    assert any("'a.b'" in m and "not a valid GraphQL field name" in m for m in messages), messages
