"""A 1.x app's models on ours: `examples/app_1x` declares them the 1.x way and gets what built-in models get.

Its models subclass `PrimaryModel`/`OrganizationalModel` + `StatusModel`, use `AutoSlugField`, `ColorField`,
`ASNField` and `@extras_features`, and its migration depends on the original's migration names. The tests drive it
as its users would: migrate, REST writes with statuses, tags, custom fields and relationships, the change log,
webhooks, notes, GraphQL and search.
"""

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.migrations.state import ProjectState
from example_app_1x.models import Exchange, ExchangeRole

from nautobot.core.choices import ChoiceSet
from nautobot.core.fields import AutoSlugField
from nautobot.core.specs import spec_for
from nautobot.dcim.tests import builders as b
from nautobot.extras.choices import CustomFieldTypeChoices, RelationshipTypeChoices
from nautobot.extras.customfields.choices import CustomFieldType
from nautobot.extras.models import CustomField, Relationship, RelationshipAssociation, Status, Tag
from nautobot.extras.utils import FeatureQuery, extras_features
from nautobot.extras.webhooks.models import Webhook, WebhookDelivery

LIST = "/api/plugins/example-app-1x/internet-exchanges/"
ALIAS = ("migration_aliases", "0001_nautobot_1x")


def _aliases() -> dict:
    return import_module("nautobot.core.migration_aliases.migrations.0001_nautobot_1x").ORIGINAL_NAMES


# Migrations --------------------------------------------------------------------------------------------------
def test_a_dependency_on_an_original_migration_name_resolves_to_ours():
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    app_initial = ("example_app_1x", "0001_initial")
    assert {parent.key for parent in graph.node_map[app_initial].parents} == {ALIAS}
    plan = graph.forwards_plan(app_initial)
    assert ("extras", "0013_secrets") in plan and ("dcim", "0012_asn_range") in plan
    assert plan.index(ALIAS) < plan.index(app_initial)
    assert ("dcim", "0009_add_natural_indexing") not in graph.nodes  # answered for, not a node of its own


def test_original_names_never_shadow_a_migration_of_ours():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    ours = {key for key in loader.disk_migrations if key[0] != "migration_aliases"}
    replaced = {(app, name) for app, names in _aliases().items() for name in names}
    assert replaced and not (replaced & ours)


@pytest.mark.django_db
def test_migrating_records_the_original_names_and_the_app_signal_ran():
    applied = MigrationRecorder(connection).applied_migrations()
    assert ("dcim", "0009_add_natural_indexing") in applied and ("example_app_1x", "0001_initial") in applied
    # The app's `nautobot_database_ready` receiver gave its model the statuses of its settings.
    exchange_type = ContentType.objects.get_for_model(Exchange)
    assert set(Status.objects.filter(content_types=exchange_type).values_list("slug", flat=True)) == {
        "active",
        "planned",
    }


# Declarations ------------------------------------------------------------------------------------------------
def test_a_model_without_a_spec_gets_one_derived_from_its_fields():
    spec = spec_for(Exchange)
    assert spec.derived
    assert spec.api_fields == (
        "status",
        "name",
        "slug",
        "asn",
        "role",
        "site",
        "description",
        "tags",
        "custom_fields",
        "created",
        "last_updated",
    )
    assert spec.brief_fields == ("name", "slug") and spec.slug_source == "name"
    assert spec_for(ExchangeRole).search_fields == ("name", "slug", "color", "description")


def test_declared_features_answer_feature_queries():
    assert FeatureQuery("statuses").as_dict()["example_app_1x"] == ["exchange"]
    assert "exchangerole" in FeatureQuery("graphql").as_dict()["example_app_1x"]
    assert "site" in FeatureQuery("custom_fields").as_dict()["dcim"]  # ours: derived from the model and spec
    with pytest.raises(TypeError, match="feature names"):
        extras_features(42)


def test_choice_sets_are_choices_lists():
    class Afi(ChoiceSet):
        IPV4 = "ipv4"
        CHOICES = (("Unicast", ((IPV4, "IPv4 unicast"),)), ("evpn", "EVPN"))

    assert list(Afi) == list(Afi.CHOICES) and Afi() == list(Afi.CHOICES)
    assert Afi.values() == ["ipv4", "evpn"] and Afi.as_dict() == {"ipv4": "IPv4 unicast", "evpn": "EVPN"}
    assert CustomFieldTypeChoices.TYPE_MULTISELECT == CustomFieldType.MULTISELECT == "multi-select"
    assert RelationshipTypeChoices.TYPE_ONE_TO_ONE_SYMMETRIC == "symmetric-one-to-one"
    with pytest.raises(TypeError, match="populate_from"):
        AutoSlugField()


@pytest.mark.django_db
def test_auto_slug_fills_itself_uniquely_and_keeps_a_given_one():
    first = ExchangeRole.objects.create(name="Public peering")
    second = ExchangeRole(name="Public  peering!")
    second.validated_save()
    given = ExchangeRole.objects.create(name="Private", slug="pni")
    assert (first.slug, second.slug, given.slug) == ("public-peering", "public-peering-2", "pni")
    assert first.present_in_database and not ExchangeRole(name="x").present_in_database


# Driven through the API ------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_rest_write_with_status_tags_custom_fields_and_relationships(api):
    exchange_type = ContentType.objects.get_for_model(Exchange)
    field = CustomField.objects.create(name="peering_policy", type="text")
    field.content_types.add(exchange_type)
    tag = Tag.objects.create(name="Tier 1", slug="tier-1")
    relationship = Relationship.objects.create(
        name="ix-site", slug="ix_site", type="one-to-many", source_type=b.content_type("dcim.site"),
        destination_type=exchange_type,
    )  # fmt: skip
    site = b.site()
    created = api.post(
        LIST,
        {
            "name": "IX Paris",
            "asn": 64500,
            "status": "active",
            "tags": [{"slug": "tier-1"}],
            "custom_fields": {"peering_policy": "open"},
            "relationships": {"ix_site": {"source": {"objects": [str(site.pk)]}}},
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["slug"] == "ix-paris" and body["status"]["value"] == "active"
    assert body["custom_fields"] == {"peering_policy": "open"} and [t["slug"] for t in body["tags"]] == ["tier-1"]
    exchange = Exchange.objects.get(pk=body["id"])
    assert exchange.get_status_display() == "Active" and list(exchange.tags.all()) == [tag]
    assert RelationshipAssociation.objects.filter(relationship=relationship, destination_id=exchange.pk).exists()

    refused = api.post(LIST, {"name": "IX Lyon", "asn": 64501, "status": "decommissioning"})
    assert refused.status_code == 400 and "status" in refused.json()
    refused = api.post(LIST, {"name": "IX Nice", "asn": 4294967296, "status": "active"})
    assert refused.status_code == 400 and "asn" in refused.json()


@pytest.mark.django_db
def test_writes_are_change_logged_and_sent_to_webhooks(api):
    hook = Webhook.objects.create(name="ix-hook", payload_url="http://127.0.0.1:9/", type_create=True, type_update=True)
    hook.content_types.add(ContentType.objects.get_for_model(Exchange))
    exchange = api.post(LIST, {"name": "IX Berlin", "asn": 64510, "status": "planned"}).json()
    assert api.patch(f"{LIST}{exchange['id']}/", {"description": "DE-CIX"}).status_code == 200
    changes = api.get("/api/extras/object-changes/", changed_object_id=exchange["id"]).json()["results"]
    assert sorted(change["action"]["value"] for change in changes) == ["create", "update"]
    assert {change["changed_object_type"] for change in changes} == {"example_app_1x.exchange"}
    assert WebhookDelivery.objects.filter(webhook=hook).count() == 2


@pytest.mark.django_db
def test_notes_graphql_and_search_reach_the_app_model(api, admin):
    exchange = api.post(LIST, {"name": "IX Amsterdam", "asn": 64520, "status": "active"}).json()
    note = api.post(exchange["notes_url"], {"note": "Route servers renumbered"})
    assert note.status_code == 201, note.content
    assert [n["note"] for n in api.get(exchange["notes_url"]).json()["results"]] == ["Route servers renumbered"]

    query = '{ internet_exchanges(name: "IX Amsterdam") { name asn slug status { slug } } }'
    answer = api.post("/api/graphql/", {"query": query})
    assert answer.status_code == 200, answer.content
    assert answer.json()["data"]["internet_exchanges"] == [
        {"name": "IX Amsterdam", "asn": 64520, "slug": "ix-amsterdam", "status": {"slug": "active"}}
    ]

    page = admin.get("/search/", {"q": "amsterdam"})
    assert page.status_code == 200 and "IX Amsterdam" in page.content.decode()


def test_the_1x_migration_matches_the_models_but_for_spelling():
    """Django 3.2 wrote the expanded `related_name` of a status and the tags without `blank`; Django 5 deconstructs
    them otherwise. Those are the only differences, and they change no column."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    changes = MigrationAutodetector(loader.project_state(), ProjectState.from_apps(apps)).changes(
        graph=loader.graph, trim_to_apps={"example_app_1x"}
    )
    operations = [op for migration in changes.get("example_app_1x", []) for op in migration.operations]
    assert operations and {(type(op).__name__, op.model_name, op.name) for op in operations} <= {
        ("AlterField", "exchange", "status"),
        ("AlterField", "exchange", "tags"),
    }


@pytest.mark.django_db
def test_objects_restrict_narrows_to_what_a_user_may_do(django_user_model):
    from nautobot.users.models import ObjectPermission

    status = Status.objects.get(slug="active")
    mine = Exchange.objects.create(name="IX Mine", asn=65001, status=status)
    Exchange.objects.create(name="IX Other", asn=65002, status=status)
    user = django_user_model.objects.create_user("ix-viewer", "v@example.com", "pw")
    grant = ObjectPermission.objects.create(name="my ix", actions=["view"], constraints={"name__startswith": "IX M"})
    grant.object_types.add(ContentType.objects.get_for_model(Exchange))
    grant.users.add(user)
    assert list(Exchange.objects.restrict(user, "view")) == [mine]
    assert not Exchange.objects.restrict(user, "change").exists()
    assert Exchange.objects.filter(asn__gt=0).restrict(user).count() == 1  # a queryset method, chained
    admin = django_user_model.objects.create_superuser("ix-admin", "a@example.com", "pw")
    assert Exchange.objects.restrict(admin, "delete").count() == 2


@pytest.mark.django_db
def test_database_ready_reaches_every_app_with_apps_also_after_a_flush():
    from django.apps import apps as installed
    from django.core.management.sql import emit_post_migrate_signal

    from nautobot.core.signals import nautobot_database_ready

    received = []

    def receiver(sender, *, apps, **kwargs):
        received.append((sender.label, apps))

    nautobot_database_ready.connect(receiver)
    try:
        emit_post_migrate_signal(0, False, "default")  # as `flush` sends it: no `apps`
    finally:
        nautobot_database_ready.disconnect(receiver)
    labels = [label for label, _apps in received]
    assert labels == [config.label for config in installed.get_app_configs()]
    assert {id(apps) for _label, apps in received} == {id(installed)}


def test_1x_module_paths_of_models_and_status_choices():
    from nautobot.dcim.choices import DeviceStatusChoices
    from nautobot.dcim.models import Interface
    from nautobot.dcim.models.device_components import Interface as ComponentInterface
    from nautobot.extras.choices import SecretsGroupAccessTypeChoices
    from nautobot.extras.statuses.defaults import DEFAULT_STATUSES
    from nautobot.ipam.models import Interface as IpamInterface

    assert ComponentInterface is Interface is IpamInterface
    assert DeviceStatusChoices.STATUS_INVENTORY == "inventory"
    assert DeviceStatusChoices.values() == [s for s, spec in DEFAULT_STATUSES.items() if "dcim.device" in spec[3]]
    assert ("SSH", "SSH") in list(SecretsGroupAccessTypeChoices) and "SNMP" in SecretsGroupAccessTypeChoices.values()


@pytest.mark.django_db
def test_generated_pages_of_a_derived_spec(admin):
    from nautobot.core.views.urls import object_url, spec_url

    exchange = Exchange.objects.create(name="IX Madrid", asn=64530, status=Status.objects.get(slug="active"))
    listing = admin.get(spec_url(spec_for(Exchange)))
    assert listing.status_code == 200 and "IX Madrid" in listing.content.decode()
    detail = admin.get(object_url(exchange))
    assert detail.status_code == 200 and "64530" in detail.content.decode()
    assert admin.get(spec_url(spec_for(Exchange), "add")).status_code == 200


@pytest.mark.django_db
def test_ip_address_assigned_object_is_settable_as_in_1x():
    from nautobot.ipam.models import IPAddress

    interface = b.interface()
    status = Status.objects.get(slug="active")
    address = IPAddress.objects.create(address="192.0.2.1/32", status=status, assigned_object=interface)
    assert address.assigned_object == interface
    address.assigned_object = None
    assert address.assigned_object is None
    with pytest.raises(ValueError, match="interface"):
        address.assigned_object = status


@pytest.mark.django_db
def test_ip_address_interface_is_the_1x_manager(django_assert_num_queries):
    """1.x's `ip.interface` / `ip.vminterface` are managers (the interfaces' generic relation): app code such as
    the BGP app's `local_ip.interface.exists()` runs; the address still saves through the foreign key."""
    from nautobot.ipam.models import IPAddress

    interface = b.interface()
    status = Status.objects.get(slug="active")
    assigned = IPAddress.objects.create(address="192.0.2.1/32", status=status, assigned_object=interface)
    unassigned = IPAddress.objects.create(address="192.0.2.2/32", status=status)
    assert assigned.interface.exists() and list(assigned.interface.all()) == [interface]
    assert assigned.interface.first() == interface and assigned.interface.count() == 1
    assert not unassigned.interface.exists() and unassigned.interface.first() is None
    assert not unassigned.vminterface.exists() and not assigned.vminterface.exists()
    assert IPAddress.objects.filter(interface__device=interface.device).get() == assigned
    # Set through the foreign key, read from the select_related cache: the object without a query.
    unassigned.interface = interface
    unassigned.save()
    loaded = IPAddress.objects.select_related("interface").get(pk=unassigned.pk)
    with django_assert_num_queries(0):
        assert loaded.assigned_object == interface
    loaded.description = "saved again"
    loaded.save()
    assert IPAddress.objects.get(pk=unassigned.pk).assigned_object == interface


@pytest.mark.django_db
def test_an_app_with_its_own_menu_gets_no_generated_one(admin):
    from nautobot.core.views.routes import menu_entries

    # The app's navigation.py (a 1.x NavMenuTab) is the app's menu; its models' derived specs add no second one.
    entries = {(entry.group, entry.label): name for entry, name in menu_entries()}
    assert entries[("Peering", "Internet exchanges")] == "plugins:example_app_1x:exchange_list"
    assert not [key for key in entries if key[0] == "Example 1.x app"]
    page = admin.get("/").content.decode()
    menus = re.findall(r'class="nav-link dropdown-toggle"[^>]*>([^<]+)</a>', page)
    assert "Peering" in menus and "Example 1.x app" not in menus
