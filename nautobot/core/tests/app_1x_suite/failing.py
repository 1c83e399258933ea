"""1.x test cases that must fail: they expect what our API does not do (so a run of them proves the base
classes really check, and that `nautobot-server test` reports failures)."""

from nautobot.tenancy.models import TenantGroup
from nautobot.utilities.testing import APIViewTestCases


class WrongBriefFieldsTestCase(APIViewTestCases.ListObjectsViewTestCase):
    model = TenantGroup
    brief_fields = ["display", "id", "name", "not_a_field", "url"]
    test_list_objects_unknown_filter_no_strict_filtering = None  # STRICT_FILTERING=False not honoured yet

    @classmethod
    def setUpTestData(cls):
        for i in (1, 2, 3):
            TenantGroup.objects.create(name=f"Group {i}", slug=f"group-{i}")


class WrongCreateDataTestCase(APIViewTestCases.CreateObjectViewTestCase):
    model = TenantGroup
    create_data = [{"name": "Group 9", "slug": "group-9", "description": "what was sent"}]

    def prepare_instance(self, instance):
        instance.description = "not what was sent"  # the comparison must notice
        return instance
