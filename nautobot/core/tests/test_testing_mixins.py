"""The assertions of the 1.x test base classes (`nautobot.core.testing.mixins`), on a built-in model."""

import unittest

import pytest

from nautobot.core.testing.mixins import NautobotTestCaseMixin
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
