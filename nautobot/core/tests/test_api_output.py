"""The API's fast output paths give exactly what the slow, obvious ones give."""

import netaddr
import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from nautobot.core.api.querysets import optimized_queryset
from nautobot.core.api.serializers import represent, serializer_for
from nautobot.core.specs import spec_for
from nautobot.core.tests import builders as b
from nautobot.core.testing.api import TokenClient
from nautobot.dcim.models import Device
from nautobot.ipam.tests import builders as ib
from nautobot.users.models import Token

pytestmark = pytest.mark.django_db


def _request():
    return RequestFactory().get("/api/dcim/devices/")


def test_output_plan_matches_drf_representation():
    from nautobot.extras.models import Tag

    tagged = b.device(platform=b.platform(), serial="S1", comments="c")
    tagged.tags.set([Tag.objects.create(name="Plan", slug="plan")])
    bare = b.device()  # null foreign keys, empty strings, no tags
    address = ib.ip_address("192.0.2.10/24", interface=b.interface(device=tagged), dns_name="x.example.com")
    for objects in ([tagged, bare], [address], [tagged.site], [tagged.device_type]):
        model = type(objects[0])
        for version in (None, "1.6"):
            serializer_class = serializer_for(model, version=version)
            rows = list(optimized_queryset(spec_for(model)).filter(pk__in=[o.pk for o in objects]).order_by("pk"))
            context = {"request": _request()}
            expected = [serializer_class(context=context).to_representation(row) for row in rows]
            assert represent(serializer_class, rows, context) == expected, (model, version)


def test_foreign_key_prefetches_are_unordered_and_constant():
    user = b.user(is_superuser=True)
    api = TokenClient(Token.objects.create(user=user).key)
    b.device()
    api.get("/api/dcim/devices/", limit=10)  # the first request of a process is cold (runtime settings, content types)
    with CaptureQueriesContext(connection) as one:
        assert api.get("/api/dcim/devices/", limit=10).status_code == 200
    for _ in range(5):
        b.device()
    with CaptureQueriesContext(connection) as six:
        assert len(api.get("/api/dcim/devices/", limit=10).json()["results"]) == 6
    assert len(one.captured_queries) == len(six.captured_queries)
    by_table = {
        q["sql"].split(" FROM ", 1)[1].split()[0]: q["sql"] for q in six.captured_queries if " FROM " in q["sql"]
    }
    for table in ('"dcim_devicetype"', '"dcim_site"', '"dcim_devicerole"', '"extras_status"'):
        assert "ORDER BY" not in by_table[table], by_table[table]
    assert "ORDER BY" in by_table['"dcim_device"']
    assert Device.objects.count() == 6


@pytest.mark.parametrize(
    "text", ["192.0.2.10/24", "10.0.0.0/8", "0.0.0.0/0", "2001:db8::1/64", "::ffff:192.0.2.1/128", "::/0", "fe80::1/10"]
)
def test_address_and_prefix_text_match_netaddr(text):
    network = netaddr.IPNetwork(text)
    address = ib.ip_address(text)
    address.refresh_from_db()
    assert str(address) == str(network) and address.address == network and str(address.address) == str(network)
    prefix = ib.prefix(str(network.cidr))
    prefix.refresh_from_db()
    assert str(prefix) == str(network.cidr) and prefix.prefix == network.cidr
