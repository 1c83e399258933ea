"""The 1.x test cases of apps (`nautobot.utilities.testing.views`): `TestCase`, `ModelTestCase`,
`ModelViewTestCase` and `ViewTestCases`, whose classes each bring the tests of one web UI page of `model`.

An app's test class names its `model`, fills its objects in `setUpTestData()` and sets the data the tests send
(`form_data`, `csv_data`, `bulk_edit_data`, ...); every `test_*` method of the chosen bases then runs against
the app's real pages through Django's test client. A base test is turned off by setting it to None in the
subclass (`test_bulk_import_objects_with_permission = None`), as in 1.x.
"""

import csv
import io
import uuid

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase as DjangoTestCase
from django.test import TransactionTestCase as DjangoTransactionTestCase
from django.test import override_settings, tag
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.text import slugify

from nautobot.core.formatting import bettertitle
from nautobot.core.models import BaseModel, ChangeLoggedModel, NotesMixin
from nautobot.core.permissions import get_object_permission_model
from nautobot.core.testing.mixins import NautobotTestCaseMixin
from nautobot.core.testing.utils import (
    disable_warnings,
    get_changes_for_model,
    get_deletable_objects,
    post_data,
    route_for_model,
)

__all__ = ("ModelTestCase", "ModelViewTestCase", "TestCase", "TransactionTestCase", "ViewTestCases")

EXEMPT_ALL = override_settings(EXEMPT_VIEW_PERMISSIONS=["*"])
EXEMPT_NONE = override_settings(EXEMPT_VIEW_PERMISSIONS=[])


@tag("unit")
@override_settings(PAGINATE_COUNT=65000)
class TestCase(NautobotTestCaseMixin, DjangoTestCase):
    """Base class of Nautobot unit tests: `self.user` signed in on `self.client`; every list on one page."""

    def setUp(self):
        super().setUp()
        self.setUpNautobot()


@tag("unit")
class TransactionTestCase(NautobotTestCaseMixin, DjangoTransactionTestCase):
    """For tests that need real commits (threads, other connections). The database is emptied after each test,
    so each test starts by putting back what migrations create (default statuses, content types)."""

    databases = "__all__"

    def setUp(self):
        super().setUp()
        self.setUpNautobot(populate_status=True)


class ModelTestCase(TestCase):
    """A test case about one `model`."""

    model = None
    relationships = None
    custom_fields = None

    def _get_queryset(self):
        """The objects of `model` the tests read."""
        return self.model.objects.all()


def grant(user, model, action: str, constraints=None):
    """Grant `user` the object permission `action` on `model`, limited by `constraints` (None: every object)."""
    name = f"Test permission {action} {uuid.uuid4().hex[:8]}"
    permission = get_object_permission_model().objects.create(name=name, actions=[action], constraints=constraints)
    permission.users.add(user)
    permission.object_types.add(ContentType.objects.get_for_model(model))
    return permission


def absolute_url(instance) -> str:
    """The detail page of `instance`: its `get_absolute_url()`, else the 1.x route name with its key."""
    if hasattr(instance, "get_absolute_url"):
        return instance.get_absolute_url()
    return reverse(route_for_model(type(instance), "detail"), kwargs={"pk": instance.pk})


def listed_url(instance) -> str | None:
    """The link to `instance` that the list tests look for: its detail page; None for a 1.x app's model that defines
    no `get_absolute_url` of its own (1.x's `BaseModel` had none, so its tests look for no link: an app's list of
    such objects, e.g. report results, links none)."""
    own = getattr(type(instance), "get_absolute_url", BaseModel.get_absolute_url) is not BaseModel.get_absolute_url
    if own or type(instance).__module__.startswith("nautobot."):
        return absolute_url(instance)
    return None


def no_such_pk() -> str:
    """A primary key that matches no object: constraints with it permit nothing."""
    return str(uuid.uuid4())


@tag("performance")
class ModelViewTestCase(ModelTestCase):
    """A test case about the web UI pages of `model`."""

    reverse_url_attribute = None

    def _get_base_url(self) -> str:
        """The URL name pattern of the model's pages (`dcim:site_{}`); override for a model of another app."""
        return route_for_model(self.model, "{}")

    def _get_url(self, action: str, instance=None) -> str:
        """The URL of `action` ("list", "add", "edit", "detail", ...), of `instance` for actions on one object."""
        base = self._get_base_url()
        if instance is None:
            return reverse(base.format(action))
        name = base.replace("_{}", "") if action == "detail" else base.format(action)
        attributes = [self.reverse_url_attribute] if self.reverse_url_attribute else ["pk", "slug"]
        for attribute in attributes:
            if not hasattr(instance, attribute):
                continue
            try:
                return reverse(name, kwargs={attribute: getattr(instance, attribute)})
            except NoReverseMatch:
                continue
        if action == "detail":
            return absolute_url(instance)
        raise NoReverseMatch(f"No URL named {name!r} takes the key of {instance!r}.")

    def assertChangeLogged(self, instance, action: str):
        """The change log holds a record of `action` ("create", "update", "delete") for `instance`."""
        if issubclass(self.model, ChangeLoggedModel):
            actions = list(get_changes_for_model(instance).values_list("action", flat=True))
            self.assertIn(action, actions, f"no {action!r} change recorded for {instance!r}")

    def _new_instance(self, pks_before: set):
        created = self._get_queryset().exclude(pk__in=pks_before)
        self.assertEqual(created.count(), 1, "exactly one new object was expected")
        return created.get()


class ViewTestCases:
    """The test cases of web UI pages (kept inside a class so that unittest does not run them on their own)."""

    class GetObjectViewTestCase(ModelViewTestCase):
        """The detail page of one object."""

        @EXEMPT_ALL
        def test_get_object_anonymous(self):
            self.client.logout()
            response = self.client.get(self._get_url("detail", self._get_queryset().first()))
            self.assertHttpStatus(response, 200)

        @EXEMPT_NONE
        def test_get_object_without_permission(self):
            instance = self._get_queryset().first()
            with disable_warnings("django.request"):
                self.assertHttpStatus(self.client.get(self._get_url("detail", instance)), 403)

        @EXEMPT_NONE
        def test_get_object_with_permission(self):
            instance = self._get_queryset().first()
            grant(self.user, self.model, "view")
            response = self.client.get(self._get_url("detail", instance))
            self.assertHttpStatus(response, 200)
            self.assertIn(escape(str(instance)), response.content.decode(), "the page names the object")

        @EXEMPT_NONE
        def test_get_object_with_constrained_permission(self):
            first, second = self._get_queryset()[:2]
            grant(self.user, self.model, "view", {"pk": str(first.pk)})
            self.assertHttpStatus(self.client.get(self._get_url("detail", first)), 200)
            with disable_warnings("django.request"):
                self.assertHttpStatus(self.client.get(self._get_url("detail", second)), 404)

        @EXEMPT_NONE
        def test_has_advanced_tab(self):
            """The detail page has an "Advanced" tab (`<object URL>#advanced`) showing the object's UUID."""
            instance = self._get_queryset().first()
            grant(self.user, self.model, "view")
            response = self.client.get(self._get_url("detail", instance))
            self.assertHttpStatus(response, 200)
            content = response.content.decode()
            self.assertIn(f"{absolute_url(instance)}#advanced", content)
            self.assertIn("Advanced", content)
            self.assertIn(str(instance.pk), content)

    class GetObjectChangelogViewTestCase(ModelViewTestCase):
        """The change log page of one object."""

        @EXEMPT_ALL
        def test_get_object_changelog(self):
            response = self.client.get(self._get_url("changelog", self._get_queryset().first()))
            self.assertHttpStatus(response, 200)

    class GetObjectNotesViewTestCase(ModelViewTestCase):
        """The notes page of one object."""

        @EXEMPT_ALL
        def test_get_object_notes(self):
            if not issubclass(self.model, NotesMixin):
                self.skipTest(f"{self.model._meta.label} takes no notes")
            response = self.client.get(self._get_url("notes", self._get_queryset().first()))
            self.assertHttpStatus(response, 200)

    class CreateObjectViewTestCase(ModelViewTestCase):
        """The add page. `form_data`: the form a new object is made from; `slug_source`/`slug_test_object`: the
        field a slug is derived from and the value it has on an object made in `setUpTestData`."""

        form_data = {}
        slug_source = None
        slugify_function = staticmethod(slugify)
        slug_test_object = ""

        def test_create_object_without_permission(self):
            count = self._get_queryset().count()
            with disable_warnings("django.request"):
                self.assertHttpStatus(self.client.get(self._get_url("add")), 403)
                self.assertHttpStatus(self.client.post(self._get_url("add"), post_data(self.form_data)), 403)
            self.assertEqual(self._get_queryset().count(), count)

        @EXEMPT_ALL
        def test_create_object_with_permission(self):
            before = set(self._get_queryset().values_list("pk", flat=True))
            grant(self.user, self.model, "add")
            self.assertHttpStatus(self.client.get(self._get_url("add")), 200)
            self.assertHttpStatus(self.client.post(self._get_url("add"), post_data(self.form_data)), 302)
            instance = self._new_instance(before)
            self.assertInstanceEqual(instance, self.form_data)
            self.assertChangeLogged(instance, "create")

        @EXEMPT_ALL
        def test_create_object_with_constrained_permission(self):
            before = set(self._get_queryset().values_list("pk", flat=True))
            permission = grant(self.user, self.model, "add", {"pk": no_such_pk()})
            self.assertHttpStatus(self.client.get(self._get_url("add")), 200)
            # A new object outside the permitted set is refused: the form comes back, nothing is created.
            self.assertHttpStatus(self.client.post(self._get_url("add"), post_data(self.form_data)), 200)
            self.assertEqual(set(self._get_queryset().values_list("pk", flat=True)), before)
            permission.constraints = {"pk__isnull": False}
            permission.save()
            self.assertHttpStatus(self.client.post(self._get_url("add"), post_data(self.form_data)), 302)
            self.assertInstanceEqual(self._new_instance(before), self.form_data)

        @EXEMPT_ALL
        def test_extra_feature_form_fields_present(self):
            """The add form offers the fields a model form gets for free: a `cf_<name>` per custom field of its
            model, and tags where the form has them. An app's own form decides its fields, as in 1.x: one
            declared for another model gets that model's custom fields; one without 1.x's custom field mixin
            (which lists them in `form.custom_fields`) gets none. Then there is nothing to check and the test passes,
            as 1.x's does (it checks the model class with `isinstance`, so it never fails once the form is found)."""
            grant(self.user, self.model, "add")
            response = self.client.get(self._get_url("add"))
            self.assertHttpStatus(response, 200)
            form = response.context.get("form") if response.context else None
            form_model = getattr(getattr(form, "_meta", None), "model", None)
            if form_model is not None and not hasattr(form, "custom_fields"):
                return  # the app's form takes no custom fields
            form_model = form_model or self.model
            if not hasattr(form_model, "_custom_field_data"):
                return  # the model takes no custom fields
            field = apps.get_model("extras", "CustomField").objects.create(name="test_extra_feature", type="text")
            field.content_types.add(ContentType.objects.get_for_model(form_model))
            content = self.client.get(self._get_url("add")).content.decode()
            self.assertIn('name="cf_test_extra_feature"', content)
            if form is not None and "tags" in form.fields:
                self.assertIn('name="tags"', content)

        def _slug_object(self):
            return self._get_queryset().get(**{self.slug_source: self.slug_test_object})

        # Without `slug_source` the model derives no slug: the two slug tests check nothing and pass, as 1.x's.
        def test_slug_autocreation(self):
            """An object saved without a slug gets one derived from `slug_source`."""
            if self.slug_source is None:
                return
            instance = self._slug_object()
            expected = self.slugify_function(getattr(instance, self.slug_source))
            self.assertEqual(instance.slug, expected)

        def test_slug_not_modified(self):
            """Saving an object keeps the slug it was given."""
            if self.slug_source is None:
                return
            instance = self._slug_object()
            instance.slug = "a-slug-of-its-own"
            instance.save()
            instance.refresh_from_db()
            self.assertEqual(instance.slug, "a-slug-of-its-own")

    class EditObjectViewTestCase(ModelViewTestCase):
        """The edit page. `form_data`: the new values of the first object."""

        form_data = {}

        def test_edit_object_without_permission(self):
            instance = self._get_queryset().first()
            with disable_warnings("django.request"):
                self.assertHttpStatus(self.client.get(self._get_url("edit", instance)), 403)
                self.assertHttpStatus(self.client.post(self._get_url("edit", instance), post_data(self.form_data)), 403)

        @EXEMPT_ALL
        def test_edit_object_with_permission(self):
            instance = self._get_queryset().first()
            grant(self.user, self.model, "change")
            self.assertHttpStatus(self.client.get(self._get_url("edit", instance)), 200)
            self.assertHttpStatus(self.client.post(self._get_url("edit", instance), post_data(self.form_data)), 302)
            instance = self._get_queryset().get(pk=instance.pk)
            self.assertInstanceEqual(instance, self.form_data)
            self.assertChangeLogged(instance, "update")

        @EXEMPT_ALL
        def test_edit_object_with_constrained_permission(self):
            first, second = self._get_queryset()[:2]
            grant(self.user, self.model, "change", {"pk": str(first.pk)})
            self.assertHttpStatus(self.client.get(self._get_url("edit", first)), 200)
            self.assertHttpStatus(self.client.post(self._get_url("edit", first), post_data(self.form_data)), 302)
            self.assertInstanceEqual(self._get_queryset().get(pk=first.pk), self.form_data)
            with disable_warnings("django.request"):
                self.assertHttpStatus(self.client.get(self._get_url("edit", second)), 404)
                self.assertHttpStatus(self.client.post(self._get_url("edit", second), post_data(self.form_data)), 404)

    class DeleteObjectViewTestCase(ModelViewTestCase):
        """The delete page of one object."""

        def get_deletable_object(self):
            """An object that nothing protects from deletion (override when setUpTestData makes none)."""
            instance = get_deletable_objects(self.model, self._get_queryset()).first()
            if instance is None:
                self.fail("Couldn't find a single deletable object!")
            return instance

        def test_delete_object_without_permission(self):
            instance = self.get_deletable_object()
            with disable_warnings("django.request"):
                self.assertHttpStatus(self.client.get(self._get_url("delete", instance)), 403)
                self.assertHttpStatus(self.client.post(self._get_url("delete", instance), {"confirm": True}), 403)
            self.assertTrue(self._get_queryset().filter(pk=instance.pk).exists())

        @EXEMPT_ALL
        def test_delete_object_with_permission(self):
            instance = self.get_deletable_object()
            grant(self.user, self.model, "delete")
            self.assertHttpStatus(self.client.get(self._get_url("delete", instance)), 200)
            self.assertHttpStatus(
                self.client.post(self._get_url("delete", instance), post_data({"confirm": True})), 302
            )
            self.assertFalse(self._get_queryset().filter(pk=instance.pk).exists())
            self.assertChangeLogged(instance, "delete")

        @EXEMPT_ALL
        def test_delete_object_with_permission_and_xwwwformurlencoded(self):
            instance = self.get_deletable_object()
            grant(self.user, self.model, "delete")
            response = self.client.post(
                self._get_url("delete", instance),
                urlencode({"confirm": True}),
                content_type="application/x-www-form-urlencoded",
            )
            self.assertHttpStatus(response, 302)
            self.assertFalse(self._get_queryset().filter(pk=instance.pk).exists())

        @EXEMPT_ALL
        def test_delete_object_with_constrained_permission(self):
            instance = self.get_deletable_object()
            permission = grant(self.user, self.model, "delete", {"pk": no_such_pk()})
            with disable_warnings("django.request"):
                self.assertHttpStatus(self.client.get(self._get_url("delete", instance)), 404)
                self.assertHttpStatus(
                    self.client.post(self._get_url("delete", instance), post_data({"confirm": True})), 404
                )
            self.assertTrue(self._get_queryset().filter(pk=instance.pk).exists())
            permission.constraints = {"pk": str(instance.pk)}
            permission.save()
            self.assertHttpStatus(
                self.client.post(self._get_url("delete", instance), post_data({"confirm": True})), 302
            )
            self.assertFalse(self._get_queryset().filter(pk=instance.pk).exists())

    class ListObjectsViewTestCase(ModelViewTestCase):
        """The list page. `filterset`: the filterset of the list (default: the model's)."""

        filterset = None

        def get_filterset(self):
            return self.filterset

        def get_list_url(self) -> str:
            return self._get_url("list")

        def get_title(self) -> str:
            return bettertitle(self.model._meta.verbose_name_plural)

        def _get_list(self, query: str = "", status: int = 200) -> str:
            response = self.client.get(self.get_list_url() + query)
            self.assertHttpStatus(response, status)
            return response.content.decode()

        def _assert_listed(self, content: str, shown=(), hidden=()) -> None:
            """The links to `shown` are on the page, those to `hidden` are not (`listed_url`: none to check for
            the objects of a 1.x app's model without a page of its own)."""
            for instance in shown:
                if (url := listed_url(instance)) is not None:
                    self.assertIn(url, content)
            for instance in hidden:
                if (url := listed_url(instance)) is not None:
                    self.assertNotIn(url, content)

        @EXEMPT_ALL
        def test_list_view_has_filter_form(self):
            response = self.client.get(self.get_list_url())
            self.assertHttpStatus(response, 200)
            self.assertIsNotNone(response.context.get("filter_form"), "the list page has a filter form")

        @EXEMPT_ALL
        def test_list_objects_anonymous(self):
            self.client.logout()
            self._get_list()

        @EXEMPT_ALL
        def test_list_objects_filtered(self):
            first, second = self._get_queryset()[:2]
            content = self._get_list(f"?id={first.pk}")
            self._assert_listed(content, shown=[first], hidden=[second])

        @override_settings(EXEMPT_VIEW_PERMISSIONS=["*"], STRICT_FILTERING=True)
        def test_list_objects_unknown_filter_strict_filtering(self):
            """With STRICT_FILTERING, an unknown filter is an error message and matches nothing."""
            instance = self._get_queryset().first()
            content = self._get_list("?ice_cream_flavor=chocolate")
            self.assertIn("Unknown filter field", content)
            self._assert_listed(content, hidden=[instance])

        @override_settings(EXEMPT_VIEW_PERMISSIONS=["*"], STRICT_FILTERING=False)
        def test_list_objects_unknown_filter_no_strict_filtering(self):
            """Without STRICT_FILTERING, an unknown filter is ignored."""
            instance = self._get_queryset().first()
            content = self._get_list("?ice_cream_flavor=chocolate")
            self.assertNotIn("Unknown filter field", content)
            self._assert_listed(content, shown=[instance])

        @EXEMPT_NONE
        def test_list_objects_without_permission(self):
            with disable_warnings("django.request"):
                self.assertHttpStatus(self.client.get(self.get_list_url()), 403)

        @EXEMPT_NONE
        def test_list_objects_with_permission(self):
            grant(self.user, self.model, "view")
            content = self._get_list()
            self.assertIn(escape(self.get_title()), content)
            self._assert_listed(content, shown=self._get_queryset()[:3])

        @EXEMPT_NONE
        def test_list_objects_with_constrained_permission(self):
            first, second = self._get_queryset()[:2]
            grant(self.user, self.model, "view", {"pk": str(first.pk)})
            content = self._get_list()
            self._assert_listed(content, shown=[first], hidden=[second])

        @EXEMPT_NONE
        def test_list_view_plugin_banner(self):
            """The banners of installed apps (`banner_function`) show on the list page."""
            if "example_plugin" not in settings.PLUGINS:
                self.skipTest("example_plugin not in settings.PLUGINS")
            grant(self.user, self.model, "view")
            response = self.client.get(self.get_list_url())
            self.assertHttpStatus(response, 200)
            config = apps.get_app_config("example_plugin")
            banner_function = getattr(config, "banner_function", None)
            if isinstance(banner_function, str):
                from django.utils.module_loading import import_string  # only when the app names one

                banner_function = import_string(f"{config.__module__.rsplit('.', 1)[0]}.{banner_function}")
            banner = banner_function({"request": response.wsgi_request}) if banner_function else None
            if banner is None:
                self.skipTest("example_plugin shows no banner")
            self.assertIn(str(banner.content), response.content.decode())

        @EXEMPT_ALL
        def test_queryset_to_csv(self):
            response = self.client.get(f"{self.get_list_url()}?export")
            self.assertHttpStatus(response, 200)
            self.assertIn("text/csv", response.get("Content-Type", ""))
            body = b"".join(response.streaming_content) if response.streaming else response.content
            rows = list(csv.reader(io.StringIO(body.decode().lstrip("\ufeff"))))
            self.assertEqual(len(rows) - 1, self._get_queryset().count(), "one row per object after the header")

    class CreateMultipleObjectsViewTestCase(ModelViewTestCase):
        """The add page making several objects from one form (a name pattern).

        `bulk_create_data`: the form; `bulk_create_count`: how many objects it makes (3)."""

        bulk_create_count = 3
        bulk_create_data = {}

        @EXEMPT_NONE
        def test_create_multiple_objects_without_permission(self):
            count = self._get_queryset().count()
            with disable_warnings("django.request"):
                self.assertHttpStatus(self.client.post(self._get_url("add"), post_data(self.bulk_create_data)), 403)
            self.assertEqual(self._get_queryset().count(), count)

        @EXEMPT_NONE
        def test_create_multiple_objects_with_permission(self):
            count = self._get_queryset().count()
            grant(self.user, self.model, "add")
            grant(self.user, self.model, "view")
            self.assertHttpStatus(self.client.post(self._get_url("add"), post_data(self.bulk_create_data)), 302)
            self.assertEqual(self._get_queryset().count(), count + self.bulk_create_count)

        @EXEMPT_NONE
        def test_create_multiple_objects_with_constrained_permission(self):
            count = self._get_queryset().count()
            permission = grant(self.user, self.model, "add", {"pk": no_such_pk()})
            grant(self.user, self.model, "view")
            self.assertHttpStatus(self.client.post(self._get_url("add"), post_data(self.bulk_create_data)), 200)
            self.assertEqual(self._get_queryset().count(), count)
            permission.constraints = {"pk__isnull": False}
            permission.save()
            self.assertHttpStatus(self.client.post(self._get_url("add"), post_data(self.bulk_create_data)), 302)
            self.assertEqual(self._get_queryset().count(), count + self.bulk_create_count)

    class BulkImportObjectsViewTestCase(ModelViewTestCase):
        """The CSV import page. `csv_data`: lines of CSV, the header first."""

        csv_data = ()

        def _get_csv_data(self) -> str:
            return "\n".join(self.csv_data)

        def _import_count(self) -> int:
            return len(self.csv_data) - 1

        def test_bulk_import_objects_without_permission(self):
            with disable_warnings("django.request"):
                self.assertHttpStatus(self.client.get(self._get_url("import")), 403)
                self.assertHttpStatus(
                    self.client.post(self._get_url("import"), {"csv_data": self._get_csv_data()}), 403
                )

        @EXEMPT_ALL
        def test_bulk_import_objects_with_permission(self):
            count = self._get_queryset().count()
            grant(self.user, self.model, "add")
            self.assertHttpStatus(self.client.get(self._get_url("import")), 200)
            response = self.client.post(self._get_url("import"), {"csv_data": self._get_csv_data()})
            self.assertHttpStatus(response, 200)
            self.assertEqual(self._get_queryset().count(), count + self._import_count())

        @EXEMPT_ALL
        def test_bulk_import_objects_with_permission_csv_file(self):
            count = self._get_queryset().count()
            grant(self.user, self.model, "add")
            upload = SimpleUploadedFile("test_csv.csv", self._get_csv_data().encode(), content_type="text/csv")
            response = self.client.post(self._get_url("import"), {"csv_file": upload})
            self.assertHttpStatus(response, 200)
            self.assertEqual(self._get_queryset().count(), count + self._import_count())

        @EXEMPT_ALL
        def test_bulk_import_objects_with_constrained_permission(self):
            count = self._get_queryset().count()
            permission = grant(self.user, self.model, "add", {"pk": no_such_pk()})
            # Rows that would make objects outside the permitted set are all refused.
            self.assertHttpStatus(self.client.post(self._get_url("import"), {"csv_data": self._get_csv_data()}), 200)
            self.assertEqual(self._get_queryset().count(), count)
            permission.constraints = {"pk__isnull": False}
            permission.save()
            self.assertHttpStatus(self.client.post(self._get_url("import"), {"csv_data": self._get_csv_data()}), 200)
            self.assertEqual(self._get_queryset().count(), count + self._import_count())

    class BulkEditObjectsViewTestCase(ModelViewTestCase):
        """The bulk edit page. `bulk_edit_data`: the values given to the first three objects."""

        bulk_edit_data = {}

        def _bulk_edit(self, pks, apply: bool = True):
            data = {"pk": [str(pk) for pk in pks], **post_data(self.bulk_edit_data)}
            if apply:
                data["_apply"] = True
            return self.client.post(self._get_url("bulk_edit"), data)

        def _pks(self):
            return list(self._get_queryset().values_list("pk", flat=True)[:3])

        def test_bulk_edit_objects_without_permission(self):
            with disable_warnings("django.request"):
                self.assertHttpStatus(self._bulk_edit(self._pks()), 403)

        @EXEMPT_ALL
        def test_bulk_edit_objects_with_permission(self):
            pks = self._pks()
            grant(self.user, self.model, "change")
            self.assertHttpStatus(self._bulk_edit(pks), 302)
            for instance in self._get_queryset().filter(pk__in=pks):
                self.assertInstanceEqual(instance, self.bulk_edit_data)

        @EXEMPT_ALL
        def test_bulk_edit_form_contains_all_pks(self):
            pks = list(self._get_queryset().values_list("pk", flat=True))
            grant(self.user, self.model, "change")
            response = self.client.post(self._get_url("bulk_edit"), {"pk": [str(pk) for pk in pks]})
            self.assertHttpStatus(response, 200)
            content = response.content.decode()
            for pk in pks:
                self.assertIn(f'value="{pk}"', content)

        @EXEMPT_ALL
        def test_bulk_edit_objects_with_constrained_permission(self):
            pks = self._pks()
            before = {i.pk: self.model_to_dict(i, list(self.bulk_edit_data)) for i in self._get_queryset()}
            permission = grant(self.user, self.model, "change", {"pk": no_such_pk()})
            with disable_warnings("django.request"):
                response = self._bulk_edit(pks)
            self.assertLess(response.status_code, 500)
            after = {i.pk: self.model_to_dict(i, list(self.bulk_edit_data)) for i in self._get_queryset()}
            self.assertEqual(after, before, "objects outside the permitted set keep their values")
            permission.constraints = {"pk__in": [str(pk) for pk in pks]}
            permission.save()
            self.assertHttpStatus(self._bulk_edit(pks), 302)
            for instance in self._get_queryset().filter(pk__in=pks):
                self.assertInstanceEqual(instance, self.bulk_edit_data)

    class BulkDeleteObjectsViewTestCase(ModelViewTestCase):
        """The bulk delete page."""

        def get_deletable_object_pks(self):
            """Keys of up to three objects that nothing protects from deletion (fewer will do, as in 1.x's UI tests;
            its API tests want three)."""
            return list(get_deletable_objects(self.model, self._get_queryset()).values_list("pk", flat=True)[:3])

        def _bulk_delete(self, pks, confirm: bool = True):
            data = {"pk": [str(pk) for pk in pks], "confirm": True}
            if confirm:
                data["_confirm"] = True
            return self.client.post(self._get_url("bulk_delete"), data)

        @EXEMPT_NONE
        def test_bulk_delete_objects_without_permission(self):
            pks = self.get_deletable_object_pks()
            with disable_warnings("django.request"):
                self.assertHttpStatus(self._bulk_delete(pks), 403)
            self.assertEqual(self._get_queryset().filter(pk__in=pks).count(), len(pks))

        @EXEMPT_NONE
        def test_bulk_delete_objects_with_permission(self):
            pks = self.get_deletable_object_pks()
            grant(self.user, self.model, "delete")
            self.assertHttpStatus(self._bulk_delete(pks), 302)
            self.assertFalse(self._get_queryset().filter(pk__in=pks).exists())

        @EXEMPT_NONE
        def test_bulk_delete_form_contains_all_pks(self):
            """One row chosen with "select all" (`_all`): the confirmation carries the keys of every object."""
            pks = list(self._get_queryset().values_list("pk", flat=True))
            grant(self.user, self.model, "delete")
            data = {"pk": [str(pks[0])], "confirm": True, "_all": "on"}
            response = self.client.post(self._get_url("bulk_delete"), data)
            self.assertHttpStatus(response, 200)
            content = response.content.decode()
            for pk in pks:
                self.assertIn(f'<input type="hidden" name="pk" value="{pk}"', content)

        @EXEMPT_NONE
        def test_bulk_delete_objects_with_constrained_permission(self):
            pks = self.get_deletable_object_pks()
            permission = grant(self.user, self.model, "delete", {"pk": no_such_pk()})
            with disable_warnings("django.request"):
                response = self._bulk_delete(pks)
            self.assertLess(response.status_code, 500)
            self.assertEqual(self._get_queryset().filter(pk__in=pks).count(), len(pks))
            permission.constraints = {"pk__isnull": False}
            permission.save()
            self.assertHttpStatus(self._bulk_delete(pks), 302)
            self.assertFalse(self._get_queryset().filter(pk__in=pks).exists())

    class BulkRenameObjectsViewTestCase(ModelViewTestCase):
        """The bulk rename page. `rename_data`: the find/replace form (default: append an X)."""

        rename_data = {"find": "^(.*)$", "replace": "\\1X", "use_regex": True}

        def _rename(self, pks):
            data = {"pk": [str(pk) for pk in pks], "_apply": True, **post_data(self.rename_data)}
            return self.client.post(self._get_url("bulk_rename"), data)

        def _objects(self):
            return list(self._get_queryset()[:3])

        def test_bulk_rename_objects_without_permission(self):
            objects = self._objects()
            with disable_warnings("django.request"):
                self.assertHttpStatus(self._rename([o.pk for o in objects]), 403)

        @EXEMPT_ALL
        def test_bulk_rename_objects_with_permission(self):
            objects = self._objects()
            grant(self.user, self.model, "change")
            self.assertHttpStatus(self._rename([o.pk for o in objects]), 302)
            for instance in objects:
                self.assertEqual(self._get_queryset().get(pk=instance.pk).name, f"{instance.name}X")

        @EXEMPT_ALL
        def test_bulk_rename_objects_with_constrained_permission(self):
            objects = self._objects()
            permission = grant(self.user, self.model, "change", {"name__regex": "^$never"})
            with disable_warnings("django.request"):
                response = self._rename([o.pk for o in objects])
            self.assertLess(response.status_code, 500)
            for instance in objects:
                self.assertEqual(self._get_queryset().get(pk=instance.pk).name, instance.name)
            permission.constraints = {"pk__isnull": False}
            permission.save()
            self.assertHttpStatus(self._rename([o.pk for o in objects]), 302)
            for instance in objects:
                self.assertEqual(self._get_queryset().get(pk=instance.pk).name, f"{instance.name}X")

    class PrimaryObjectViewTestCase(
        GetObjectViewTestCase,
        GetObjectChangelogViewTestCase,
        GetObjectNotesViewTestCase,
        CreateObjectViewTestCase,
        EditObjectViewTestCase,
        DeleteObjectViewTestCase,
        ListObjectsViewTestCase,
        BulkImportObjectsViewTestCase,
        BulkEditObjectsViewTestCase,
        BulkDeleteObjectsViewTestCase,
    ):
        """Every standard page of a primary model."""

        maxDiff = None

    class OrganizationalObjectViewTestCase(
        GetObjectViewTestCase,
        GetObjectChangelogViewTestCase,
        GetObjectNotesViewTestCase,
        CreateObjectViewTestCase,
        EditObjectViewTestCase,
        DeleteObjectViewTestCase,
        ListObjectsViewTestCase,
        BulkImportObjectsViewTestCase,
        BulkDeleteObjectsViewTestCase,
    ):
        """Every standard page of an organizational model (no bulk edit)."""

        maxDiff = None

    class DeviceComponentTemplateViewTestCase(
        EditObjectViewTestCase,
        DeleteObjectViewTestCase,
        CreateMultipleObjectsViewTestCase,
        BulkEditObjectsViewTestCase,
        BulkRenameObjectsViewTestCase,
        BulkDeleteObjectsViewTestCase,
    ):
        """The pages of a device component template (console port templates, interface templates, ...)."""

        maxDiff = None

    class DeviceComponentViewTestCase(
        GetObjectViewTestCase,
        GetObjectChangelogViewTestCase,
        GetObjectNotesViewTestCase,
        EditObjectViewTestCase,
        DeleteObjectViewTestCase,
        ListObjectsViewTestCase,
        CreateMultipleObjectsViewTestCase,
        BulkImportObjectsViewTestCase,
        BulkEditObjectsViewTestCase,
        BulkRenameObjectsViewTestCase,
        BulkDeleteObjectsViewTestCase,
    ):
        """The pages of a device component (console ports, interfaces, ...). `bulk_add_data`: the form adding
        the component to several devices at once."""

        maxDiff = None
        bulk_add_data = None

        @EXEMPT_ALL
        def test_bulk_add_component(self):
            """Add this component to several devices (or virtual machines) at once."""
            if self.bulk_add_data is None:
                self.skipTest("no bulk_add_data")
            count = self._get_queryset().count()
            grant(self.user, self.model, "add")
            url = reverse(f"dcim:device_bulk_add_{self.model._meta.model_name}")
            self.assertHttpStatus(self.client.post(url, post_data(self.bulk_add_data)), 302)
            self.assertGreater(self._get_queryset().count(), count)
