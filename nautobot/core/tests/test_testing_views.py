"""The 1.x view test cases (`nautobot.core.testing.views.ViewTestCases`) run against pages, as an app's suite runs
them: each must pass where 1.x's passes, and fail where the page lacks what it checks."""

import unittest

import pytest

from nautobot.core.testing.views import ViewTestCases
from nautobot.tenancy.models import Tenant, TenantGroup

pytestmark = [pytest.mark.django_db, pytest.mark.urls("nautobot.core.tests.app_1x_ui_urls")]


def run(case_class: type, name: str) -> unittest.TestResult:
    """Run the test `name` of `case_class` (class set-up included) and return its result."""
    result = unittest.TestResult()
    unittest.TestSuite([case_class(name)]).run(result)
    return result


def cases() -> tuple[type, type]:
    """An app's add page whose form is a plain ModelForm (no custom field mixin, no tags), and ours. (Made here:
    pytest would collect them at module level.)"""

    class AppFormCase(ViewTestCases.CreateObjectViewTestCase):
        model = TenantGroup

        def _get_base_url(self):
            return "app_1x:tenantgroup_{}"

    class SpecFormCase(ViewTestCases.CreateObjectViewTestCase):
        model = Tenant

    return AppFormCase, SpecFormCase


def test_extra_feature_fields_of_an_app_form_without_custom_fields():
    """An app's form that takes no custom fields passes (not skipped: an app's suite counts it passed), as 1.x's
    test passes."""
    result = run(cases()[0], "test_extra_feature_form_fields_present")
    assert result.testsRun == 1 and not result.failures and not result.errors, result.failures + result.errors
    assert not result.skipped


def test_extra_feature_fields_of_our_form():
    result = run(cases()[1], "test_extra_feature_form_fields_present")
    assert result.testsRun == 1 and not result.failures and not result.errors and not result.skipped, result.errors


def test_the_list_tests_look_for_no_link_to_a_1x_app_object_without_a_page_of_its_own(monkeypatch):
    """1.x's `BaseModel` had no `get_absolute_url`: its list tests look for a link only where the model defines one
    (an app's report results link nowhere); ours and the apps' models that define one are looked for."""
    from example_app_1x.models import ExchangeRole

    from nautobot.core.testing.views import listed_url

    role, tenant = ExchangeRole(name="r"), Tenant(name="t")
    assert listed_url(role) is None
    assert listed_url(tenant) == tenant.get_absolute_url() and listed_url(tenant)
    monkeypatch.setattr(ExchangeRole, "get_absolute_url", lambda self: "/own/", raising=False)
    assert listed_url(role) == "/own/"


def test_bulk_delete_tests_take_fewer_than_three_deletable_objects():
    """1.x's UI bulk delete tests delete what they find (the Device Lifecycle app's set-up makes two)."""

    class TwoTenants(ViewTestCases.BulkDeleteObjectsViewTestCase):
        model = Tenant

        @classmethod
        def setUpTestData(cls):
            Tenant.objects.create(name="One", slug="one")
            Tenant.objects.create(name="Two", slug="two")

    result = run(TwoTenants, "test_bulk_delete_objects_with_permission")
    assert result.testsRun == 1 and not result.failures and not result.errors, result.failures + result.errors


def test_the_api_status_choices_test_runs_where_choices_fields_name_status():
    """As 1.x's: skipped unless `choices_fields` names `status` (an app's viewset without `StatusViewSetMixin`
    lists no status choices, and its test says so by leaving `status` out)."""
    from nautobot.core.testing.api import APIViewTestCases
    from nautobot.dcim.models import Site

    class SiteWithoutStatusChoices(APIViewTestCases.ListObjectsViewTestCase):
        model = Site
        choices_fields = []

    result = run(SiteWithoutStatusChoices, "test_status_options_returns_expected_choices")
    assert [reason for _, reason in result.skipped] == ["Object does not contain a `status` field."]
