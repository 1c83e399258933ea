"""The assertions of the 1.x test base classes (`nautobot.core.testing.mixins`), on a built-in model."""

import decimal
import unittest

import pytest

from nautobot.core.testing.mixins import NautobotTestCaseMixin, comparable
from nautobot.tenancy.models import Tenant, TenantGroup

pytestmark = pytest.mark.django_db


class _Case(NautobotTestCaseMixin, unittest.TestCase):
    __test__ = False  # a holder of the assertions, not a test

    def runTest(self):  # noqa: N802 (unittest's name)
        pass


def test_assert_instance_equal_leaves_out_keys_that_are_no_attribute():
    """A form's extra fields (no attribute of the model) are not compared, as in 1.x; real fields still are."""
    group = TenantGroup.objects.create(name="G", slug="g")
    tenant = Tenant.objects.create(name="T", slug="t", group=group)
    case = _Case()
    case.assertInstanceEqual(tenant, {"name": "T", "group": str(group.pk), "endpoint_a_source_ip": "1.2.3.4"})
    with pytest.raises(AssertionError):
        case.assertInstanceEqual(tenant, {"name": "U", "endpoint_a_source_ip": "1.2.3.4"})
    with pytest.raises(AssertionError):
        case.assertInstanceEqual(tenant, {"cf_not_set": "x"})


def test_assert_instance_equal_compares_numbers_as_numbers():
    """As 1.x's (Python's `==`): a float field holding 0.0 equals the 0 a test's data gave, "1.50" equals 1.5."""
    tenant = Tenant(name="T", slug="t")
    tenant.ratio, tenant.share = 0.0, decimal.Decimal("1.50")  # numbers on the object, as a FloatField gives them
    case = _Case()
    case.assertInstanceEqual(tenant, {"ratio": 0, "share": 1.5})
    case.assertInstanceEqual(tenant, {"ratio": "0.0", "share": "1.5"})
    with pytest.raises(AssertionError):
        case.assertInstanceEqual(tenant, {"ratio": 1, "share": 1.5})
    assert comparable("007") == "007" and comparable(100) == "100" and comparable(1e-7) == "0.0000001"


def test_assert_http_status_takes_the_codes_that_will_do():
    """As 1.x's: `assertHttpStatus(response, [200, 302])` (apps' tests pass a list)."""
    from django.http import HttpResponse

    case = _Case()
    case.assertHttpStatus(HttpResponse(status=200), [200, 302])
    case.assertHttpStatus(HttpResponse(status=302), 302)
    with pytest.raises(AssertionError, match="Expected HTTP status"):
        case.assertHttpStatus(HttpResponse(status=200), [404])
