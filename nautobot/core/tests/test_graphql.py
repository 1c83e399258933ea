"""GraphQL at `/api/graphql/`: generated types and root fields, filters, permissions, query counts, errors."""

import pytest
from graphene_django.registry import get_global_registry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nautobot.core.graphql.schema import plural_name, schema, singular_name
from nautobot.core.graphql.types import registry
from nautobot.core.specs import all_specs
from nautobot.core.tests import builders as b
from nautobot.core.testing.api import TokenClient
from nautobot.dcim.models import Interface
from nautobot.extras.models import Tag
from nautobot.users.models import ObjectPermission, Token

pytestmark = pytest.mark.django_db
URL = "/api/graphql/"
NESTED = "{ devices { name site { slug } device_type { model manufacturer { name } } interfaces { name } } }"


@pytest.fixture
def admin(django_user_model):
    user = django_user_model.objects.create_superuser("graphql-admin", "g@example.com", "pw")
    return TokenClient(Token.objects.create(user=user, write_enabled=False).key)


def run(client: TokenClient, query: str, variables: dict | None = None):
    return client.post(URL, {"query": query, "variables": variables})


def data(client: TokenClient, query: str, variables: dict | None = None) -> dict:
    response = run(client, query, variables)
    assert response.status_code == 200, response.content
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def device_with_interfaces(count: int, **kw):
    device = b.device(**kw)
    device.tags.add(_tag())
    active = b.status()
    interfaces = [Interface(device=device, name=f"eth{i}", type="1000base-t", status=active) for i in range(count)]
    Interface.objects.bulk_create(interfaces)
    return device


def _tag():
    return Tag.objects.get_or_create(name="graphql", slug="graphql")[0]


@pytest.mark.parametrize("spec", all_specs(), ids=lambda s: s.model._meta.label)
def test_every_spec_has_a_type_and_a_plural_field(spec):
    # Generated, or declared by the app (the example plugin declares its own Widget type).
    graphql_type = get_global_registry().get_type_for_model(spec.model) or registry.get_type_for_model(spec.model)
    assert graphql_type is not None
    root = schema.graphql_schema.query_type.fields
    field = root[plural_name(spec)]
    assert field.type.of_type.of_type.name == graphql_type._meta.name
    assert {"limit", "offset", "id", "q"} <= set(field.args)
    if singular_name(spec) != plural_name(spec):
        assert root[singular_name(spec)].type.name == graphql_type._meta.name


def test_names_follow_the_original():
    root = schema.graphql_schema.query_type.fields
    expected = ("devices", "device", "sites", "device_types", "interfaces", "tenant_groups", "console_port_templates")
    for name in (*expected, "virtual_chassis"):
        assert name in root, name
    assert "name__ic" in root["devices"].args and "site" in root["devices"].args


def test_list_with_filters(admin):
    wanted = b.device(name="core-router-1")
    b.device(name="edge-switch-1")
    by_site = data(admin, f'{{ devices(site: ["{wanted.site.slug}"]) {{ name }} }}')
    assert by_site == {"devices": [{"name": "core-router-1"}]}
    assert data(admin, '{ devices(name__ic: ["ROUTER"]) { name } }') == {"devices": [{"name": "core-router-1"}]}
    both = data(admin, '{ devices(name: ["core-router-1", "edge-switch-1"], limit: 1, offset: 1) { name } }')
    assert both == {"devices": [{"name": "edge-switch-1"}]}


def test_scalars_choices_status_and_custom_fields(admin):
    device = b.device(face="front", local_context_data={"ntp": ["10.0.0.1"]})
    device._custom_field_data = {"owner": "netops"}
    device.save()
    fields = "id name face status { slug } custom_field_data local_context_data tags { name }"
    query = f"query ($id: ID!) {{ device(id: $id) {{ {fields} }} }}"
    got = data(admin, query, {"id": str(device.pk)})["device"]
    assert got == {
        "id": str(device.pk),
        "name": device.name,
        "face": "front",
        "status": {"slug": "active"},
        "custom_field_data": {"owner": "netops"},
        "local_context_data": {"ntp": ["10.0.0.1"]},
        "tags": [],
    }


def test_singular_by_id(admin):
    device = b.device()
    assert data(admin, f'{{ device(id: "{device.pk}") {{ name }} }}') == {"device": {"name": device.name}}
    assert data(admin, '{ device(id: "00000000-0000-0000-0000-000000000000") { name } }') == {"device": None}


def test_nested_query(admin):
    device = device_with_interfaces(2)
    got = data(admin, NESTED)["devices"]
    assert got == [
        {
            "name": device.name,
            "site": {"slug": device.site.slug},
            "device_type": {
                "model": device.device_type.model,
                "manufacturer": {"name": device.device_type.manufacturer.name},
            },
            "interfaces": [{"name": "eth0"}, {"name": "eth1"}],
        }
    ]
    aliased = data(admin, "{ devices { a: tags { name } b: tags { slug } ports: interfaces { name } } }")["devices"]
    ports = [{"name": "eth0"}, {"name": "eth1"}]
    assert aliased == [{"a": [{"name": "graphql"}], "b": [{"slug": "graphql"}], "ports": ports}]


def test_query_count_does_not_grow_with_rows(admin):
    for _ in range(2):
        device_with_interfaces(3)
    data(admin, NESTED)  # warm: a process's first query reads the custom field definitions
    with CaptureQueriesContext(connection) as two:
        assert len(data(admin, NESTED)["devices"]) == 2
    for _ in range(18):
        device_with_interfaces(3)
    fragment = "fragment D on DeviceType { interfaces { name } tags { name } }"
    with CaptureQueriesContext(connection) as twenty:
        assert len(data(admin, NESTED)["devices"]) == 20
    assert len(twenty) == len(two), "\n".join(q["sql"] for q in twenty.captured_queries)
    with CaptureQueriesContext(connection) as with_fragment:
        data(admin, "{ devices { name ...D } } " + fragment)
    assert len(with_fragment) <= len(two) + 1, "\n".join(q["sql"] for q in with_fragment.captured_queries)


def test_query_count_is_constant_for_a_constrained_user(django_user_model):
    user = django_user_model.objects.create_user("graphql-counted", password="pw")
    constraints = {"name__startswith": "device"}
    grant = ObjectPermission.objects.create(name="graphql devices", actions=["view"], constraints=constraints)
    for label in ("dcim.device", "dcim.interface", "dcim.site"):
        grant.object_types.add(b.content_type(label))
    grant.users.add(user)
    client = TokenClient(Token.objects.create(user=user).key)
    query = "{ devices { name site { slug devices { name } } interfaces { name } } }"
    device_with_interfaces(2)
    data(client, query)  # warm: a process's first query reads the custom field definitions
    with CaptureQueriesContext(connection) as one:
        assert len(data(client, query)["devices"]) == 1
    for _ in range(9):
        device_with_interfaces(2)
    with CaptureQueriesContext(connection) as ten:
        assert len(data(client, query)["devices"]) == 10
    assert len(ten) == len(one), "\n".join(q["sql"] for q in ten.captured_queries)


def test_restrict_hides_objects(django_user_model):
    user = django_user_model.objects.create_user("graphql-limited", password="pw")
    visible, hidden = b.site(), b.site()
    constraints = {"slug": visible.slug}
    grant = ObjectPermission.objects.create(name="graphql visible site", actions=["view"], constraints=constraints)
    grant.object_types.add(b.content_type("dcim.site"))
    grant.users.add(user)
    client = TokenClient(Token.objects.create(user=user).key)
    assert data(client, "{ sites { slug } }") == {"sites": [{"slug": visible.slug}]}
    assert data(client, f'{{ site(id: "{hidden.pk}") {{ slug }} }}') == {"site": None}
    assert data(client, "{ devices { name } }") == {"devices": []}
    b.device(site=visible)
    assert data(client, "{ sites { devices { name } } }") == {"sites": [{"devices": []}]}


def test_syntax_error_is_a_400(admin):
    response = run(admin, "{ devices { name }")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors[0]["message"].startswith("Syntax Error") and errors[0]["locations"] == [{"line": 1, "column": 19}]
    unknown = run(admin, "{ devices { no_such_field } }")
    assert unknown.status_code == 400 and "no_such_field" in unknown.json()["errors"][0]["message"]
    empty = run(admin, "")
    assert empty.status_code == 400 and empty.json()["errors"][0]["message"] == "Must provide query string."


def test_mutation_is_a_400(admin):
    response = run(admin, 'mutation { devices(name: ["x"]) { name } }')
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"]


def test_execution_errors_are_200_with_errors(admin):
    response = run(admin, '{ devices(created: "not-a-date") { name } sites { slug } }')
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"devices": None, "sites": []} and "created" in body["errors"][0]["message"]


def test_unknown_related_object_in_a_filter_is_a_graphql_error(admin):
    site = b.site()
    response = run(
        admin, '{ devices(site: ["nope"]) { name } sites(region_id: "xyz") { slug } tenants(group: "null") { slug } }'
    )
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"devices": None, "sites": None, "tenants": []}
    messages = " | ".join(e["message"] for e in body["errors"])
    assert "site: Select a valid choice. nope is not one of the available choices." in messages
    assert "region_id: \u201cxyz\u201d is not a valid UUID." in messages
    assert data(admin, f'{{ sites(slug: "{site.slug}", region: "null", status: "active") {{ slug }} }}') == {
        "sites": [{"slug": site.slug}]
    }


def test_unauthenticated_is_a_403():
    response = Client().post(URL, data='{"query": "{ sites { name } }"}', content_type="application/json")
    assert response.status_code == 403


def test_application_graphql_body_and_version_header(admin):
    site = b.site()
    response = admin.client.post(URL, data="{ sites { name } }", content_type="application/graphql", **admin.headers)
    assert response.status_code == 200, response.content
    assert response.json() == {"data": {"sites": [{"name": site.name}]}}
    assert response["API-Version"] == "1.2"


def test_secrets_are_not_exposed():
    fields = schema.graphql_schema
    assert "password" not in fields.get_type("UserType").fields
    assert "key" not in fields.get_type("TokenType").fields
    assert not {"_token", "token"} & set(fields.get_type("GitRepositoryType").fields)  # `registry.hidden_fields`


def test_filter_arguments_are_typed_as_the_original(admin):
    """Integer filters take Int literals and `[Int]` variables, booleans are scalars, `q` a string, big integers
    (ASNs) `BigInteger`: the Ansible GraphQL inventory writes `has_primary_ip: true` and `vid: 100` literally."""
    from nautobot.ipam.models import VLAN

    device = b.device(name="typed-1")
    site = device.site
    site.asn = 4200000001
    site.save()
    b.device(name="typed-2")
    VLAN.objects.create(name="users", vid=100, status=b.status())
    VLAN.objects.create(name="voice", vid=200, status=b.status())
    assert data(admin, "{ vlans(vid: 100) { name } }") == {"vlans": [{"name": "users"}]}
    assert data(admin, "{ vlans(vid__gte: [150]) { name } }") == {"vlans": [{"name": "voice"}]}
    assert data(admin, "query ($v: [Int]) { vlans(vid: $v) { name } }", {"v": [100, 200]})["vlans"] == [
        {"name": "users"},
        {"name": "voice"},
    ]
    assert data(admin, '{ devices(has_primary_ip: false, name__isw: "typed") { name } }')["devices"] == [
        {"name": "typed-1"},
        {"name": "typed-2"},
    ]
    assert data(admin, "query ($b: Boolean) { devices(has_primary_ip: $b) { name } }", {"b": True}) == {"devices": []}
    assert data(admin, "query ($q: String) { devices(q: $q) { name } }", {"q": "typed-2"}) == {
        "devices": [{"name": "typed-2"}]
    }
    assert data(admin, "{ sites(asn: 4200000001) { slug } }") == {"sites": [{"slug": site.slug}]}
    assert data(admin, "{ device { name } }") == {"device": None}
    args = schema.graphql_schema.query_type.fields["devices"].args
    assert str(args["has_primary_ip"].type) == "Boolean" and str(args["q"].type) == "String"
    assert str(args["position"].type) == "[Int]" and str(args["name"].type) == "[String]"
    assert str(schema.graphql_schema.query_type.fields["sites"].args["asn"].type) == "[BigInteger]"
    assert str(args["created__gte"].type) == "String" and str(args["last_updated"].type) == "String"
    since = 'query ($d: String) { devices(created__gte: $d, name__isw: "typed") { name } }'
    assert len(data(admin, since, {"d": "2000-01-01"})["devices"]) == 2
    assert data(admin, since, {"d": "2999-01-01"}) == {"devices": []}


def test_reverse_relations_take_filter_arguments(admin):
    """`devices { interfaces(name__ic: "eth") }` and `sites { devices(role: "leaf") }` filter the nested list with the
    related model's filters, as the original's (the Ansible GraphQL inventory's documented nested `filters`)."""
    device = device_with_interfaces(3, name="nested-1")
    Interface.objects.create(device=device, name="mgmt0", type="1000base-t", status=b.status())
    other = b.device(name="nested-2", site=device.site)
    query = '{ devices(name: "nested-1") { name interfaces(name__ic: "ETH", name__n: ["eth2"]) { name } all: interfaces { name } } }'
    got = data(admin, query)["devices"][0]
    assert [i["name"] for i in got["interfaces"]] == ["eth0", "eth1"]
    assert len(got["all"]) == 4
    site = data(admin, f'{{ sites(slug: "{device.site.slug}") {{ devices(name: ["{other.name}"]) {{ name }} }} }}')
    assert site == {"sites": [{"devices": [{"name": "nested-2"}]}]}
    bad = run(admin, '{ devices(name: "nested-1") { interfaces(mtu: ["x"]) { name } } }')
    assert "errors" in bad.json()
