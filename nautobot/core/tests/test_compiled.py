"""The fast path's SQL compiled once per thread (`core/fastpath/compiled.py`): foreign keys of a page
(`load_foreign_keys`) and the page querysets using it."""

import pytest
from django.db import connection
from django.db.models import Prefetch, prefetch_related_objects
from django.test.utils import CaptureQueriesContext

from nautobot.core.api.querysets import optimized_queryset
from nautobot.core.fastpath import ForeignKeyPrefetch
from nautobot.core.fastpath.compiled import load_foreign_keys
from nautobot.core.specs import spec_for
from nautobot.core.tests import builders as b
from nautobot.dcim.models import Device

pytestmark = pytest.mark.django_db

PATHS = ["device_type", "device_type__manufacturer", "platform", "site", "site__region", "tenant", "status"]


def _state(device):
    return {
        "device_type": device.device_type and (device.device_type.pk, device.device_type.model),
        "manufacturer": device.device_type.manufacturer.name,
        "platform": device.platform and device.platform.slug,
        "site": (device.site.pk, device.site.slug, device.site.region),
        "tenant": device.tenant,
        "status": device.status.slug,
    }


@pytest.fixture
def devices():
    shared_type = b.device_type()
    site = b.site()
    return [
        b.device(device_type=shared_type, site=site, platform=b.platform()),
        b.device(device_type=shared_type, site=site),
        b.device(),
    ]


def test_loads_what_django_prefetch_loads_with_one_query_per_relation_in_use(devices):
    order = {d.pk: i for i, d in enumerate(devices)}
    ours = sorted(Device.objects.filter(pk__in=list(order)), key=lambda d: order[d.pk])
    django = sorted(Device.objects.filter(pk__in=list(order)), key=lambda d: order[d.pk])
    prefetch_related_objects(django, *PATHS)
    with CaptureQueriesContext(connection) as queries:
        load_foreign_keys(ours, PATHS)
    # device type, manufacturer, platform, site, status; no query for region and tenant (empty on every row)
    assert len(queries) == 5
    with CaptureQueriesContext(connection) as queries:
        assert [_state(d) for d in ours] == [_state(d) for d in django]
    assert len(queries) == 0  # everything, including the empty relations, is in the rows' caches
    # rows pointing at the same object share it, as with Django's prefetch
    assert ours[0].device_type is ours[1].device_type and ours[0].site is ours[1].site
    assert ours[0].device_type.pk != ours[2].device_type.pk
    # loaded as the ORM loads them: from the database, converters applied
    assert not ours[0].device_type._state.adding and ours[0].device_type._state.db == "default"
    assert type(ours[0].device_type.created) is type(django[0].device_type.created)


def test_objects_already_cached_are_not_loaded_again(devices):
    rows = list(Device.objects.select_related("device_type").filter(pk__in=[d.pk for d in devices]))
    with CaptureQueriesContext(connection) as queries:
        load_foreign_keys(rows, ["device_type", "device_type__manufacturer"])
    assert len(queries) == 1  # only manufacturers
    assert {r.device_type.manufacturer.pk for r in rows} == {d.device_type.manufacturer_id for d in devices}
    with CaptureQueriesContext(connection) as queries:
        load_foreign_keys([], PATHS)
    assert len(queries) == 0


def test_page_querysets_use_it_and_stay_querysets(devices):
    spec = spec_for(Device)
    queryset = optimized_queryset(spec)
    assert any(type(lookup) is ForeignKeyPrefetch for lookup in queryset._prefetch_related_lookups)
    filtered = queryset.filter(pk__in=[d.pk for d in devices]).order_by("name")
    assert type(filtered) is type(queryset)
    with CaptureQueriesContext(connection) as queries:
        rows = list(filtered)
        [_state(d) for d in rows]
    fast = len(queries)
    # the same lookups run by Django (e.g. `.iterator()`, or a plain prefetch_related_objects) give the same objects
    plain = list(Device.objects.filter(pk__in=[d.pk for d in devices]).order_by("name"))
    prefetch_related_objects(
        plain,
        *[
            Prefetch(lookup.prefetch_through) if isinstance(lookup, Prefetch) else lookup
            for lookup in queryset._prefetch_related_lookups
        ],
    )
    assert [_state(d) for d in rows] == [_state(d) for d in plain]
    with CaptureQueriesContext(connection) as queries:
        iterated = list(filtered.iterator(chunk_size=10))
        [_state(d) for d in iterated]
    assert [_state(d) for d in iterated] == [_state(d) for d in rows]
    assert len(queries) == fast


def test_many_to_many_loaded_as_django_prefetch_loads_it():
    from nautobot.dcim.models import Interface
    from nautobot.ipam.models import VLAN

    from nautobot.core.fastpath.compiled import load_many_to_many

    site = b.site()
    vlans = [VLAN.objects.create(vid=vid, name=f"v{vid}", site=site, status=b.status()) for vid in (30, 10, 20)]
    device = b.device(site=site)
    tagged = b.interface(device=device, name="eth0", mode="tagged")
    tagged.tagged_vlans.set(vlans[:2])
    other = b.interface(device=device, name="eth1", mode="tagged")
    other.tagged_vlans.set(vlans[1:])
    plain = b.interface(device=device, name="eth2")
    ids = [tagged.pk, other.pk, plain.pk]

    ours = sorted(Interface.objects.filter(pk__in=ids), key=lambda i: ids.index(i.pk))
    django = sorted(Interface.objects.filter(pk__in=ids), key=lambda i: ids.index(i.pk))
    prefetch_related_objects(django, "tagged_vlans")
    with CaptureQueriesContext(connection) as queries:
        assert load_many_to_many(ours, "tagged_vlans") is True
    assert len(queries) == 1
    with CaptureQueriesContext(connection) as queries:
        got = [[v.vid for v in i.tagged_vlans.all()] for i in ours]
    assert len(queries) == 0
    assert got == [[v.vid for v in i.tagged_vlans.all()] for i in django] == [[10, 30], [10, 20], []]
    # the cached querysets keep their relation: filtering them asks the database about this interface only
    assert list(ours[0].tagged_vlans.filter(vid__gte=20).values_list("vid", flat=True)) == [30]
    # not a many-to-many field: nothing done, left to Django
    assert load_many_to_many(ours, "device") is False and load_many_to_many(ours, "tags") is False


def test_reverse_one_to_one_loaded_both_ways():
    from nautobot.dcim.models import DeviceBay

    parent = b.device()
    child, alone = b.device(), b.device()
    bay = DeviceBay.objects.create(device=parent, name="bay1", installed_device=child)
    ids = [child.pk, alone.pk]
    rows = sorted(Device.objects.filter(pk__in=ids), key=lambda d: ids.index(d.pk))
    with CaptureQueriesContext(connection) as queries:
        load_foreign_keys(rows, ["parent_bay", "parent_bay__device"])
    assert len(queries) == 2  # the bays pointing at the rows, then their devices
    with CaptureQueriesContext(connection) as queries:
        assert rows[0].parent_bay.pk == bay.pk and rows[0].parent_bay.device.pk == parent.pk
        assert rows[0].parent_bay.installed_device is rows[0]  # the other side is cached too, as Django does
        assert not hasattr(rows[1], "parent_bay") or rows[1].parent_bay is None
    assert len(queries) == 0
    # the page querysets route it through load_foreign_keys
    lookups = optimized_queryset(spec_for(Device))._prefetch_related_lookups
    assert "parent_bay__device" in [lookup.prefetch_through for lookup in lookups if type(lookup) is ForeignKeyPrefetch]


@pytest.mark.parametrize("label", ["dcim.device", "dcim.site", "ipam.vlan"])
def test_objects_loaded_for_output_are_the_querysets_objects(devices, label):
    """`load_for_output` (a write's response and change log) with its main query compiled once: the same objects,
    related objects and annotations as iterating `optimized_queryset`, in the same number of queries."""
    from django.apps import apps

    from nautobot.core.api.querysets import load_for_output
    from nautobot.core.api.serializers import represent, serializer_for

    if label == "ipam.vlan":
        from nautobot.ipam.tests import builders as ib

        ib.vlan()
        ib.vlan()
    model = apps.get_model(label)
    spec = spec_for(model)
    pks = list(model.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as orm_queries:
        expected = {obj.pk: obj for obj in optimized_queryset(spec).filter(pk__in=pks)}
    for _ in range(2):  # compiled, then replayed
        with CaptureQueriesContext(connection) as queries:
            loaded = load_for_output(spec, pks)
        assert len(queries.captured_queries) == len(orm_queries.captured_queries)
        assert list(loaded) == list(expected)
        serializer = serializer_for(model)
        context = {"request": None}
        assert represent(serializer, list(loaded.values()), context) == represent(
            serializer, list(expected.values()), context
        )
    assert load_for_output(spec, []) == {}


def test_many_to_many_falls_back_to_django_when_its_sql_cannot_be_compiled(monkeypatch):
    """A tree model's query on SQLite holds printf("%%s") formats that a compiled query cannot replay
    (seen in a Git sync loading config contexts with regions): Django's prefetch does it instead."""
    from nautobot.core.fastpath import compiled
    from nautobot.extras.models import ConfigContext

    def uncompilable(field):
        def run(ids):
            raise compiled.CompiledQueryError("cannot place the parameters")

        return run

    region = b.region()
    context = ConfigContext.objects.create(name="with-region", data={"a": 1})
    context.regions.set([region])
    monkeypatch.setattr(compiled, "_many_query", uncompilable)
    contexts = list(ConfigContext.objects.filter(pk=context.pk))
    assert compiled.load_many_to_many(contexts, "regions") is False
    spec = spec_for(ConfigContext)
    loaded = list(optimized_queryset(spec).filter(pk=context.pk))
    assert [r.pk for r in loaded[0].regions.all()] == [region.pk]
