"""API test support: a token-authenticated client, the registry of per-model API cases, and the 1.x app test
cases of REST endpoints (`APITestCase`, `APIViewTestCases`, `APITransactionTestCase`).

Each app declares, in `<app>/tests/api_cases.py`, how to build a valid create payload for each of
its models (`register_case`). The contract suite (`nautobot/core/tests/test_api_contract.py`)
walks every spec and runs the same checks on each; a spec without a case fails that suite.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.test import Client, override_settings, tag
from django.urls import reverse
from django.utils.text import slugify
from rest_framework import status
from rest_framework.test import APITransactionTestCase as DRFAPITransactionTestCase

from nautobot.core.models import ChangeLoggedModel, NotesMixin
from nautobot.core.permissions import get_token_model
from nautobot.core.testing.mixins import NautobotTestCaseMixin
from nautobot.core.testing.utils import disable_warnings, get_changes_for_model, get_deletable_objects, route_for_model
from nautobot.core.testing.views import ModelTestCase, grant


@dataclass
class APICase:
    model: type[models.Model]
    create: Callable[[], dict]
    update: Callable[[], dict] | None = None
    read_only: bool = False
    skip_bulk: bool = False
    notes: dict = field(default_factory=dict)
    # Read-only models (made by the system: job results, webhook deliveries): a factory of one saved
    # object, for suites that need instances of every model (the web UI's).
    sample: Callable[[], models.Model] | None = None


CASES: dict[type[models.Model], APICase] = {}


def signed_in(user) -> Client:
    """A Django test client with a session of `user` (the web UI as that user)."""
    client = Client()
    client.force_login(user)
    return client


def register_case(model: type[models.Model], create: Callable[[], dict], **kwargs) -> None:
    CASES[model] = APICase(model, create, **kwargs)


class TokenClient:
    """Django test client that sends `Authorization: Token <key>` and JSON, like pynautobot."""

    def __init__(self, token_key: str | None, version: str | None = None) -> None:
        self.client = Client()
        self.headers = {}
        if token_key:
            self.headers["HTTP_AUTHORIZATION"] = f"Token {token_key}"
        if version:
            self.headers["HTTP_ACCEPT"] = f"application/json; version={version}"

    def get(self, path: str, **params):
        return self.client.get(path, params, **self.headers)

    def options(self, path: str):
        return self.client.options(path, **self.headers)

    def _send(self, method: str, path: str, data) -> object:
        return getattr(self.client, method)(
            path, data=json.dumps(data), content_type="application/json", **self.headers
        )

    def post(self, path: str, data):
        return self._send("post", path, data)

    def put(self, path: str, data):
        return self._send("put", path, data)

    def patch(self, path: str, data):
        return self._send("patch", path, data)

    def delete(self, path: str, data=None):
        if data is None:
            return self.client.delete(path, **self.headers)
        return self._send("delete", path, data)


# The 1.x test cases of REST API endpoints (`nautobot.utilities.testing.api`).
# An app's test class names its `model`, makes objects in `setUpTestData()` and sets the payloads
# (`create_data`, `update_data`, `bulk_update_data`, ...); each base brings the tests of one kind of request.


@tag("api")
class APITestCase(ModelTestCase):
    """A test case of the REST API: `self.header` carries the test user's token (and `api_version`, if set)."""

    api_version = None

    def setUp(self):
        super().setUp()
        self.client.logout()
        self.token = get_token_model().objects.create(user=self.user)
        self.header = {"HTTP_AUTHORIZATION": f"Token {self.token.key}"}
        if self.api_version:
            self.set_api_version(self.api_version)

    def set_api_version(self, api_version):
        """Ask for `api_version` in every request of this test (None: the default version)."""
        if api_version is None:
            self.header["HTTP_ACCEPT"] = "application/json"
        else:
            self.header["HTTP_ACCEPT"] = f"application/json; version={api_version}"

    def _get_detail_url(self, instance):
        return reverse(route_for_model(type(instance), "detail", api=True), kwargs={"pk": instance.pk})

    def _get_list_url(self):
        return reverse(route_for_model(self.model, "list", api=True))

    def assertChangeLogged(self, instance, action: str):
        """The change log holds a record of `action` ("create", "update", "delete") for `instance`."""
        if issubclass(self.model, ChangeLoggedModel):
            actions = list(get_changes_for_model(instance).values_list("action", flat=True))
            self.assertIn(action, actions, f"no {action!r} change recorded for {instance!r}")


def _payload_choice_fields(response) -> dict:
    """`{field: choices}` of the writable fields that have choices, from an OPTIONS answer."""
    post = response.data.get("actions", {}).get("POST", {})
    return {name: field["choices"] for name, field in post.items() if "choices" in field}


@tag("unit")
class APIViewTestCases:
    """The test cases of REST API endpoints (inside a class so that unittest does not run them on their own)."""

    class GetObjectViewTestCase(APITestCase):
        @override_settings(EXEMPT_VIEW_PERMISSIONS=["*"])
        def test_get_object_anonymous(self):
            """GET a single object as an unauthenticated user."""
            response = self.client.get(self._get_detail_url(self._get_queryset().first()))
            self.assertHttpStatus(response, status.HTTP_200_OK)

        @override_settings(EXEMPT_VIEW_PERMISSIONS=[])
        def test_get_object_without_permission(self):
            """GET a single object as an authenticated user without the required permission."""
            with disable_warnings("django.request"):
                response = self.client.get(self._get_detail_url(self._get_queryset().first()), **self.header)
            self.assertHttpStatus(response, status.HTTP_403_FORBIDDEN)

        @override_settings(EXEMPT_VIEW_PERMISSIONS=[])
        def test_get_object(self):
            """GET a single object as an authenticated user with permission to view the object."""
            first, second = self._get_queryset()[:2]
            grant(self.user, self.model, "view", {"pk": str(first.pk)})
            response = self.client.get(self._get_detail_url(first), **self.header)
            self.assertHttpStatus(response, status.HTTP_200_OK)
            self.assertEqual(str(response.data["id"]), str(first.pk))
            with disable_warnings("django.request"):
                response = self.client.get(self._get_detail_url(second), **self.header)
            self.assertHttpStatus(response, status.HTTP_404_NOT_FOUND)

        @override_settings(EXEMPT_VIEW_PERMISSIONS=["*"])
        def test_options_object(self):
            """Make an OPTIONS request for a single object."""
            response = self.client.options(self._get_detail_url(self._get_queryset().first()), **self.header)
            self.assertHttpStatus(response, status.HTTP_200_OK)

    class ListObjectsViewTestCase(APITestCase):
        """`brief_fields`: the sorted fields of `?brief=1` output; `choices_fields`: the fields with choices."""

        brief_fields = []
        choices_fields = None
        filterset = None

        def get_filterset(self):
            return self.filterset

        @override_settings(EXEMPT_VIEW_PERMISSIONS=["*"])
        def test_list_objects_anonymous(self):
            """GET a list of objects as an unauthenticated user."""
            response = self.client.get(self._get_list_url())
            self.assertHttpStatus(response, status.HTTP_200_OK)
            self.assertEqual(response.data["count"], self._get_queryset().count())

        @override_settings(EXEMPT_VIEW_PERMISSIONS=[])
        def test_list_objects_brief(self):
            """GET a list of objects using the "brief" parameter."""
            self.add_permissions(f"{self.model._meta.app_label}.view_{self.model._meta.model_name}")
            response = self.client.get(f"{self._get_list_url()}?brief=1", **self.header)
            self.assertHttpStatus(response, status.HTTP_200_OK)
            self.assertEqual(len(response.data["results"]), self._get_queryset().count())
            for item in response.data["results"]:
                self.assertEqual(sorted(item), sorted(self.brief_fields))

        @override_settings(EXEMPT_VIEW_PERMISSIONS=[])
        def test_list_objects_without_permission(self):
            """GET a list of objects as an authenticated user without the required permission."""
            with disable_warnings("django.request"):
                response = self.client.get(self._get_list_url(), **self.header)
            self.assertHttpStatus(response, status.HTTP_403_FORBIDDEN)

        @override_settings(EXEMPT_VIEW_PERMISSIONS=[])
        def test_list_objects(self):
            """GET a list of objects as an authenticated user with permission to view the objects."""
            self.assertGreaterEqual(self._get_queryset().count(), 3, "setUpTestData must make at least 3 objects")
            pks = [str(pk) for pk in self._get_queryset().values_list("pk", flat=True)[:2]]
            grant(self.user, self.model, "view", {"pk__in": pks})
            response = self.client.get(self._get_list_url(), **self.header)
            self.assertHttpStatus(response, status.HTTP_200_OK)
            self.assertEqual(sorted(str(item["id"]) for item in response.data["results"]), sorted(pks))

        @override_settings(EXEMPT_VIEW_PERMISSIONS=[])
        def test_list_objects_filtered(self):
            """GET a list of objects filtered by ID."""
            self.add_permissions(f"{self.model._meta.app_label}.view_{self.model._meta.model_name}")
            pks = [str(pk) for pk in self._get_queryset().values_list("pk", flat=True)[:2]]
            query = "&".join(f"id={pk}" for pk in pks)
            response = self.client.get(f"{self._get_list_url()}?{query}", **self.header)
            self.assertHttpStatus(response, status.HTTP_200_OK)
            self.assertEqual(sorted(str(item["id"]) for item in response.data["results"]), sorted(pks))

        @override_settings(EXEMPT_VIEW_PERMISSIONS=[], STRICT_FILTERING=True)
        def test_list_objects_unknown_filter_strict_filtering(self):
            """GET a list of objects with an unknown filter parameter and strict filtering, expect a 400 response."""
            self.add_permissions(f"{self.model._meta.app_label}.view_{self.model._meta.model_name}")
            with disable_warnings("django.request"):
                response = self.client.get(f"{self._get_list_url()}?ice_cream_flavor=chocolate", **self.header)
            self.assertHttpStatus(response, status.HTTP_400_BAD_REQUEST)
            self.assertIn("ice_cream_flavor", response.data)
            self.assertIn("Unknown filter field", str(response.data["ice_cream_flavor"]))

        @override_settings(EXEMPT_VIEW_PERMISSIONS=[], STRICT_FILTERING=False)
        def test_list_objects_unknown_filter_no_strict_filtering(self):
            """GET a list of objects with an unknown filter parameter and no strict filtering, expect it to be
            ignored."""
            self.add_permissions(f"{self.model._meta.app_label}.view_{self.model._meta.model_name}")
            response = self.client.get(f"{self._get_list_url()}?ice_cream_flavor=chocolate", **self.header)
            self.assertHttpStatus(response, status.HTTP_200_OK)
            self.assertEqual(response.data["count"], self._get_queryset().count())

        @override_settings(EXEMPT_VIEW_PERMISSIONS=["*"])
        def test_options_objects(self):
            """Make an OPTIONS request for a list endpoint."""
            response = self.client.options(self._get_list_url(), **self.header)
            self.assertHttpStatus(response, status.HTTP_200_OK)

        @override_settings(EXEMPT_VIEW_PERMISSIONS=["*"])
        def test_status_options_returns_expected_choices(self):
            """The `status` choices of a model with statuses are the statuses that apply to it. Checked where the
            test names `status` in `choices_fields` (OPTIONS lists it), as 1.x's; skipped elsewhere."""
            if "status" not in (self.choices_fields or ()):
                self.skipTest("Object does not contain a `status` field.")
            self.add_permissions(f"{self.model._meta.app_label}.add_{self.model._meta.model_name}")
            response = self.client.options(self._get_list_url(), **self.header)
            self.assertHttpStatus(response, status.HTTP_200_OK)
            choices = _payload_choice_fields(response).get("status")
            self.assertIsNotNone(choices, "OPTIONS lists the choices of `status`")
            status_model = apps.get_model("extras", "Status")
            expected = status_model.objects.filter(content_types=ContentType.objects.get_for_model(self.model))
            self.assertEqual(
                sorted(choice["value"] for choice in choices), sorted(expected.values_list("slug", flat=True))
            )

    class CreateObjectViewTestCase(APITestCase):
        """`create_data`: payloads of new objects (at least 3 for the bulk test); `validation_excluded_fields`:
        fields not compared with the created object; `slug_source`: field(s) a missing slug is derived from."""

        create_data = []
        validation_excluded_fields = []
        slug_source = None
        slugify_function = staticmethod(slugify)

        def test_create_object_without_permission(self):
            """POST a single object without permission."""
            with disable_warnings("django.request"):
                response = self.client.post(self._get_list_url(), self.create_data[0], format="json", **self.header)
            self.assertHttpStatus(response, status.HTTP_403_FORBIDDEN)

        def check_expected_slug(self, obj):
            """A slug left out of the payload is derived from `slug_source` with `slugify_function`."""
            sources = [self.slug_source] if isinstance(self.slug_source, str) else list(self.slug_source)
            parts = []
            for source in sources:
                value = obj
                for attribute in source.split("__"):
                    value = getattr(value, attribute, None)
                if value is not None:
                    parts.append(str(value))
            self.assertEqual(obj.slug, self.slugify_function(" ".join(parts)))

        def test_create_object(self):
            """POST a single object with permission."""
            self.add_permissions(f"{self.model._meta.app_label}.add_{self.model._meta.model_name}")
            count = self._get_queryset().count()
            for i, data in enumerate(self.create_data):
                response = self.client.post(self._get_list_url(), data, format="json", **self.header)
                self.assertHttpStatus(response, status.HTTP_201_CREATED)
                self.assertEqual(self._get_queryset().count(), count + i + 1)
                instance = self._get_queryset().get(pk=response.data["id"])
                self.assertInstanceEqual(instance, data, exclude=self.validation_excluded_fields, api=True)
                if self.slug_source is not None and "slug" not in data:
                    self.check_expected_slug(instance)
                self.assertChangeLogged(instance, "create")

        def test_bulk_create_objects(self):
            """POST a set of objects in a single request."""
            self.add_permissions(f"{self.model._meta.app_label}.add_{self.model._meta.model_name}")
            count = self._get_queryset().count()
            response = self.client.post(self._get_list_url(), self.create_data, format="json", **self.header)
            self.assertHttpStatus(response, status.HTTP_201_CREATED)
            self.assertEqual(len(response.data), len(self.create_data))
            self.assertEqual(self._get_queryset().count(), count + len(self.create_data))
            for item, data in zip(response.data, self.create_data, strict=True):
                instance = self._get_queryset().get(pk=item["id"])
                self.assertInstanceEqual(instance, data, exclude=self.validation_excluded_fields, api=True)

    class UpdateObjectViewTestCase(APITestCase):
        """`update_data`: a PATCH of one object (default: the first `create_data`); `bulk_update_data`: the
        values a bulk PATCH gives three objects (None: no bulk update test); `choices_fields`: the writable
        fields OPTIONS lists choices for."""

        update_data = {}
        bulk_update_data = None
        validation_excluded_fields = []
        choices_fields = None

        def _update_data(self) -> dict:
            return self.update_data or self.create_data[0]

        def test_update_object_without_permission(self):
            """PATCH a single object without permission."""
            url = self._get_detail_url(self._get_queryset().first())
            with disable_warnings("django.request"):
                response = self.client.patch(url, self._update_data(), format="json", **self.header)
            self.assertHttpStatus(response, status.HTTP_403_FORBIDDEN)

        def test_update_object(self):
            """PATCH a single object identified by its ID."""
            instance = self._get_queryset().first()
            self.add_permissions(f"{self.model._meta.app_label}.change_{self.model._meta.model_name}")
            data = self._update_data()
            response = self.client.patch(self._get_detail_url(instance), data, format="json", **self.header)
            self.assertHttpStatus(response, status.HTTP_200_OK)
            instance = self._get_queryset().get(pk=instance.pk)
            self.assertInstanceEqual(instance, data, exclude=self.validation_excluded_fields, api=True)
            self.assertChangeLogged(instance, "update")

        def test_bulk_update_objects(self):
            """PATCH a set of objects in a single request."""
            if self.bulk_update_data is None:
                self.skipTest("bulk_update_data not set")
            self.add_permissions(f"{self.model._meta.app_label}.change_{self.model._meta.model_name}")
            pks = list(self._get_queryset().values_list("pk", flat=True)[:3])
            payload = [{"id": str(pk), **self.bulk_update_data} for pk in pks]
            response = self.client.patch(self._get_list_url(), payload, format="json", **self.header)
            self.assertHttpStatus(response, status.HTTP_200_OK)
            self.assertEqual(len(response.data), len(pks))
            for instance in self._get_queryset().filter(pk__in=pks):
                self.assertInstanceEqual(
                    instance, self.bulk_update_data, exclude=self.validation_excluded_fields, api=True
                )

        @override_settings(EXEMPT_VIEW_PERMISSIONS=[])
        def test_options_objects_returns_display_and_value(self):
            """Make an OPTIONS request for a list endpoint and validate choices use the display and value keys."""
            self.add_permissions(f"{self.model._meta.app_label}.add_{self.model._meta.model_name}")
            response = self.client.options(self._get_list_url(), **self.header)
            self.assertHttpStatus(response, status.HTTP_200_OK)
            for name, choices in _payload_choice_fields(response).items():
                for choice in choices:
                    self.assertEqual(sorted(choice), ["display", "value"], f"a choice of {name}: {choice}")

        @override_settings(EXEMPT_VIEW_PERMISSIONS=[])
        def test_options_returns_expected_choices(self):
            """Make an OPTIONS request for a list endpoint and validate choices match expected choices for
            serializer."""
            self.add_permissions(f"{self.model._meta.app_label}.add_{self.model._meta.model_name}")
            response = self.client.options(self._get_list_url(), **self.header)
            self.assertHttpStatus(response, status.HTTP_200_OK)
            self.assertEqual(
                sorted(_payload_choice_fields(response)),
                sorted(self.choices_fields or []),
                "choices_fields must name every writable field with choices (as OPTIONS lists them)",
            )

    class DeleteObjectViewTestCase(APITestCase):
        def get_deletable_object(self):
            """An object that nothing protects from deletion (override when setUpTestData makes none)."""
            instance = get_deletable_objects(self.model, self._get_queryset()).first()
            if instance is None:
                self.fail("Couldn't find a single deletable object!")
            return instance

        def get_deletable_object_pks(self):
            """Keys of three objects that nothing protects from deletion."""
            pks = list(get_deletable_objects(self.model, self._get_queryset()).values_list("pk", flat=True)[:3])
            if len(pks) < 3:
                self.fail(f"Couldn't find 3 deletable objects, only found {len(pks)}!")
            return pks

        def test_delete_object_without_permission(self):
            """DELETE a single object without permission."""
            instance = self.get_deletable_object()
            with disable_warnings("django.request"):
                response = self.client.delete(self._get_detail_url(instance), **self.header)
            self.assertHttpStatus(response, status.HTTP_403_FORBIDDEN)
            self.assertTrue(self._get_queryset().filter(pk=instance.pk).exists())

        def test_delete_object(self):
            """DELETE a single object identified by its primary key."""
            instance = self.get_deletable_object()
            self.add_permissions(f"{self.model._meta.app_label}.delete_{self.model._meta.model_name}")
            response = self.client.delete(self._get_detail_url(instance), **self.header)
            self.assertHttpStatus(response, status.HTTP_204_NO_CONTENT)
            self.assertFalse(self._get_queryset().filter(pk=instance.pk).exists())
            self.assertChangeLogged(instance, "delete")

        def test_bulk_delete_objects(self):
            """DELETE a set of objects in a single request."""
            pks = self.get_deletable_object_pks()
            self.add_permissions(f"{self.model._meta.app_label}.delete_{self.model._meta.model_name}")
            count = self._get_queryset().count()
            payload = [{"id": str(pk)} for pk in pks]
            response = self.client.delete(self._get_list_url(), payload, format="json", **self.header)
            self.assertHttpStatus(response, status.HTTP_204_NO_CONTENT)
            self.assertEqual(self._get_queryset().count(), count - len(pks))

    class NotesURLViewTestCase(APITestCase):
        """Validate Notes URL on objects that have the Note model Mixin."""

        @override_settings(EXEMPT_VIEW_PERMISSIONS=[])
        def test_notes_url_on_object(self):
            if not issubclass(self.model, NotesMixin):
                self.skipTest(f"{self.model._meta.label} takes no notes")
            instance = self._get_queryset().first()
            self.add_permissions(f"{self.model._meta.app_label}.view_{self.model._meta.model_name}")
            url = self._get_detail_url(instance)
            response = self.client.get(url, **self.header)
            self.assertHttpStatus(response, status.HTTP_200_OK)
            self.assertIn("notes_url", response.data)
            self.assertIn(f"{url}notes/", str(response.data["notes_url"]))

    class APIViewTestCase(
        GetObjectViewTestCase,
        ListObjectsViewTestCase,
        CreateObjectViewTestCase,
        UpdateObjectViewTestCase,
        DeleteObjectViewTestCase,
        NotesURLViewTestCase,
    ):
        """Every standard test of a model's endpoint."""


@tag("unit")
class APITransactionTestCase(DRFAPITransactionTestCase, NautobotTestCaseMixin):
    """An API test case whose writes really commit; `self.user` is a superuser with a token in `self.header`."""

    databases = "__all__"

    def setUp(self):
        """Create a superuser and token for API calls."""
        super().setUp()
        self.setUpNautobot(client=False, populate_status=True)
        self.user.is_superuser = True
        self.user.save()
        self.token = get_token_model().objects.create(user=self.user)
        self.header = {"HTTP_AUTHORIZATION": f"Token {self.token.key}"}
