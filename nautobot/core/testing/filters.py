"""The 1.x test cases of filtersets (`nautobot.utilities.testing.filters`): an app's test class sets `queryset`
and `filterset`, makes objects in `setUpTestData()`, and gets the common tests (`id`, unknown parameters,
`name`/`slug`, tenancy)."""

import random

from django.apps import apps
from django.test import tag

from nautobot.core.testing.views import TestCase


@tag("unit")
class FilterTestCases:
    """The test cases of filtersets (inside a class so that unittest does not run them on their own)."""

    class BaseFilterTestCase(TestCase):
        """Base class for testing of FilterSets."""

        queryset = None
        filterset = None

        def get_filterset_test_values(self, field_name: str, queryset=None) -> list:
            """Return at least 2 distinct values of `field_name` that match at least 2 objects of `queryset`
            (default: `self.queryset`) with `field_name__in` but not all of them; ValueError when there are none."""
            queryset = self.queryset if queryset is None else queryset
            present = queryset.exclude(**{f"{field_name}__isnull": True})
            values = list(present.order_by().values_list(field_name, flat=True).distinct())
            total = queryset.count()
            random.shuffle(values)
            for size in range(len(values) - 1, 1, -1):
                chosen = values[:size]
                matched = queryset.filter(**{f"{field_name}__in": chosen}).distinct().count()
                if 2 <= matched < total:
                    return chosen
            raise ValueError(
                f"Cannot find 2 or more values of {field_name!r} that match some but not all of the "
                f"{total} {queryset.model._meta.verbose_name_plural}: make more varied test data."
            )

    class FilterTestCase(BaseFilterTestCase):
        """Add common tests for all FilterSets."""

        def test_id(self):
            """Verify that the filterset supports filtering by id."""
            # As 1.x's: the values are a sliced queryset of UUIDs, not strings.
            params = {"id": self.queryset.values_list("pk", flat=True)[:2]}
            self.assertEqual(len(params["id"]), 2, "setUpTestData must make at least 2 objects")
            filterset = self.filterset(params, self.queryset)
            self.assertTrue(filterset.is_valid(), filterset.errors)
            self.assertEqual(filterset.qs.order_by("pk").count(), 2)

        def test_invalid_filter(self):
            """Verify that the filterset reports as invalid when initialized with an unsupported filter parameter."""
            filterset = self.filterset({"ice_cream_flavor": ["chocolate"]}, self.queryset)
            self.assertFalse(filterset.is_valid())
            self.assertIn("ice_cream_flavor", filterset.errors)

    class NameSlugFilterTestCase(FilterTestCase):
        """Add simple tests for filtering by name and by slug."""

        def test_name(self):
            """Verify that the filterset supports filtering by name."""
            names = list(self.queryset.values_list("name", flat=True)[:2])
            self.assertEqual(self.filterset({"name": names}, self.queryset).qs.count(), 2)

        def test_slug(self):
            """Verify that the filterset supports filtering by slug."""
            slugs = list(self.queryset.values_list("slug", flat=True)[:2])
            self.assertEqual(self.filterset({"slug": slugs}, self.queryset).qs.count(), 2)

    class TenancyFilterTestCaseMixin(TestCase):
        """Add test cases for tenant and tenant-group filters. `tenancy_related_name`: the name by which a
        tenant reaches the objects of `queryset` (e.g. "sites")."""

        tenancy_related_name = ""

        def test_tenant(self):
            tenant_model = apps.get_model("tenancy", "Tenant")
            tenants = list(
                tenant_model.objects.filter(**{f"{self.tenancy_related_name}__isnull": False}).distinct()[:2]
            )
            self.assertTrue(tenants, f"setUpTestData must give tenants some {self.tenancy_related_name}")
            expected = self.queryset.filter(tenant__in=tenants).distinct().count()
            by_pk = self.filterset({"tenant_id": [t.pk for t in tenants]}, self.queryset).qs
            self.assertEqual(by_pk.count(), expected)
            by_slug = self.filterset({"tenant": [t.slug for t in tenants]}, self.queryset).qs
            self.assertEqual(by_slug.count(), expected)

        def test_tenant_group(self):
            tenant_group_model = apps.get_model("tenancy", "TenantGroup")
            groups = list(
                tenant_group_model.objects.filter(
                    **{f"tenants__{self.tenancy_related_name}__isnull": False}
                ).distinct()[:2]
            )
            self.assertTrue(groups, f"setUpTestData must give tenant groups tenants with {self.tenancy_related_name}")
            expected = self.queryset.filter(tenant__group__in=groups).distinct().count()
            by_pk = self.filterset({"tenant_group_id": [g.pk for g in groups]}, self.queryset).qs
            self.assertEqual(by_pk.count(), expected)
            by_slug = self.filterset({"tenant_group": [g.slug for g in groups]}, self.queryset).qs
            self.assertEqual(by_slug.count(), expected)
