"""`Device.clean`: each cross-object check reads its related object once, and still rejects what it should."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nautobot.virtualization.tests import builders as b
from nautobot.dcim.models import Device

pytestmark = pytest.mark.django_db


def fresh(device) -> Device:
    return Device.objects.get(pk=device.pk)


def errors_of(device) -> dict:
    with pytest.raises(ValidationError) as raised:
        device.clean()
    return raised.value.message_dict


def test_cross_object_checks_still_reject():
    site, other = b.site(), b.site()
    device = b.device(site=site)
    maker = b.manufacturer()

    wrong = fresh(device)
    wrong.platform_id = b.platform(manufacturer=maker).pk
    assert "is limited to" in errors_of(wrong)["platform"][0]
    wrong = fresh(device)
    wrong.rack_id = b.rack(site=other).pk
    assert "does not belong to site" in errors_of(wrong)["rack"][0]
    wrong = fresh(device)
    wrong.location_id = b.location(site=other).pk
    assert "does not belong to site" in errors_of(wrong)["location"][0]
    wrong = fresh(device)
    wrong.cluster_id = b.cluster(site=other).pk
    assert "belongs to a different site" in errors_of(wrong)["cluster"][0]

    right = fresh(device)
    right.platform_id = b.platform(manufacturer=device.device_type.manufacturer).pk
    right.rack_id = b.rack(site=site).pk
    right.cluster_id = b.cluster(site=site).pk
    right.clean()
    assert right.platform.manufacturer_id == device.device_type.manufacturer_id  # the loaded object is the field's


def test_each_related_object_is_read_once_and_only_when_checked():
    site = b.site()
    device = b.device(site=site, platform=b.platform(), rack=b.rack(site=site), cluster=b.cluster(site=site))
    loaded = fresh(device)
    with CaptureQueriesContext(connection) as captured:
        loaded.clean()
    tables = sorted(q["sql"].split(" FROM ")[1].split()[0].strip('"`') for q in captured.captured_queries)
    # device type (for the platform's manufacturer), platform, rack, cluster: one query each.
    assert tables == ["dcim_devicetype", "dcim_platform", "dcim_rack", "virtualization_cluster"], tables
    with CaptureQueriesContext(connection) as captured:
        loaded.clean()
    assert len(captured.captured_queries) == 0  # now cached on the instance, as the descriptors cache them

    bare = fresh(b.device(site=site))
    with CaptureQueriesContext(connection) as captured:
        bare.clean()
    assert len(captured.captured_queries) == 0
