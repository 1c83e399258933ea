"""What every 1.x app test case has (`nautobot.utilities.testing.mixins`): a signed-in test user, permission
grants, and comparisons of model instances with the data a test sent.

Models are reached by name (`settings.OBJECT_PERMISSION_MODEL`, `extras.Tag`): the core imports no app.
"""

import datetime
import decimal
import json
import re
import uuid

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management.sql import emit_post_migrate_signal
from django.db import models
from django.forms.models import model_to_dict as django_model_to_dict
from django.utils.text import slugify
from rest_framework.test import APIClient

from nautobot.core.permissions import get_object_permission_model
from nautobot.core.testing.utils import extract_form_failures, extract_page_body


class NautobotTestClient(APIClient):
    """The test client of Nautobot test cases: Django's client plus DRF's JSON helpers (`format="json"`)."""


def resolve_permission(name: str) -> tuple[ContentType, str]:
    """`"dcim.view_site"` -> (the content type of dcim.Site, "view"); a clear error for a malformed name."""
    try:
        app_label, codename = name.split(".")
        action, model_name = codename.split("_", 1)
    except ValueError:
        raise ValueError(
            f"Permission names are <app_label>.<action>_<model>, e.g. dcim.view_site (got {name!r})."
        ) from None
    try:
        return ContentType.objects.get_by_natural_key(app_label, model_name), action
    except ContentType.DoesNotExist:
        raise ValueError(f"Unknown model {app_label}.{model_name} in permission {name!r}.") from None


# A number written with a decimal point ("1.50"): compared as the number it is, as 1.x compares 1.5 == 1.50.
_DECIMAL_TEXT = re.compile(r"-?\d+\.\d+")


def _number_text(value: int | float | decimal.Decimal) -> str:
    """The number without trailing zeros: 0, 0.0 and "0.0" read alike, as Python's `==` has them."""
    return format(decimal.Decimal(str(value)).normalize(), "f")


def comparable(value):
    """A form of `value` that compares equal across the ways a test and the database spell it: objects and
    UUIDs as their key's text, JSON text as the data it holds, numbers as text, collections without order."""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float | decimal.Decimal):
        return _number_text(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, str):
        stripped = value.strip()
        if _DECIMAL_TEXT.fullmatch(stripped):
            return _number_text(decimal.Decimal(stripped))
        if stripped[:1] in ("{", "["):
            try:
                return comparable(json.loads(stripped))
            except ValueError:
                return value
        return value
    if isinstance(value, dict):
        return {str(k): comparable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset | models.QuerySet):
        items = [comparable(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, default=str))
    return str(value)


class NautobotTestCaseMixin:
    """The shared part of every Nautobot test case (unit, view, API, transaction)."""

    user_permissions = ()
    client_class = NautobotTestClient

    def setUpNautobot(self, client: bool = True, populate_status: bool = False) -> None:
        """Create the test user (`self.user`) with `user_permissions`, sign the client in, and, for test cases
        whose database is emptied between tests, put back what migrations create (statuses, content types)."""
        if populate_status:
            emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
        self.user, _ = get_user_model().objects.get_or_create(username="nautobot-testuser")
        self.add_permissions(*self.user_permissions)
        if client:
            self.client.force_login(self.user)

    def prepare_instance(self, instance):
        """Hook: change `instance` before it is compared with test data (e.g. decrypt a value)."""
        return instance

    def model_to_dict(self, instance, fields, api: bool = False) -> dict:
        """The values of `fields` of `instance` (related objects as keys, tags as keys, content types as
        `app_label.model` in the API's form)."""
        values = django_model_to_dict(instance, fields=fields)
        for name in fields:
            if name in values:
                continue
            if hasattr(instance, name):  # properties, generic relations and non-editable fields
                value = getattr(instance, name)
                if isinstance(value, models.Manager):
                    value = list(value.all())
                values[name] = value
        for name, value in list(values.items()):
            try:
                field = instance._meta.get_field(name)
            except Exception:
                field = None
            if name == "tags" and isinstance(value, list | models.QuerySet):
                values[name] = [getattr(tag, "pk", tag) for tag in value]
            elif field is not None and field.is_relation and field.related_model is ContentType and api:
                items = value if isinstance(value, list | models.QuerySet) else [value]
                labels = []
                for item in items:
                    ct = item if isinstance(item, ContentType) else ContentType.objects.filter(pk=item).first()
                    labels.append(f"{ct.app_label}.{ct.model}" if ct else item)
                values[name] = labels if isinstance(value, list | models.QuerySet) else labels[0]
            elif isinstance(value, list | models.QuerySet):
                values[name] = [getattr(item, "pk", item) for item in value]
        return values

    def add_permissions(self, *names: str) -> None:
        """Grant `self.user` unconstrained permissions named `<app>.<action>_<model>` (object permissions)."""
        object_permission = get_object_permission_model()
        for name in names:
            content_type, action = resolve_permission(name)
            grant = object_permission.objects.create(name=f"{name} ({uuid.uuid4().hex[:8]})", actions=[action])
            grant.users.add(self.user)
            grant.object_types.add(content_type)
        for cache in ("_object_permission_cache", "_perm_cache", "_user_perm_cache", "_group_perm_cache"):
            self.user.__dict__.pop(cache, None)

    def assertHttpStatus(self, response, expected_status, msg=None):
        """Assert the status code, showing the answer (form errors, the API's JSON, the page) when it differs.

        `expected_status` may be a list of the codes that will do, as in 1.x."""
        expected = expected_status if isinstance(expected_status, (list, tuple, set)) else [expected_status]
        if response.status_code in expected:
            return
        detail = ""
        content_type = response.get("Content-Type", "")
        if content_type.startswith("application/json"):
            detail = getattr(response, "data", None) or response.content.decode(errors="replace")
        elif getattr(response, "streaming", False):
            detail = "(a streamed answer)"
        elif content_type.startswith("text/html"):
            detail = extract_form_failures(response.content) or extract_page_body(response.content)[:3000]
        else:
            detail = response.content[:2000]
        message = f"Expected HTTP status {expected_status}; received {response.status_code}: {detail}"
        if msg:
            message = f"{msg}\n{message}"
        self.fail(message)

    def assertInstanceEqual(self, instance, data: dict, exclude=None, api: bool = False):
        """Assert that the fields of `instance` named in `data` hold `data`'s values (`exclude`: skip these).

        As in 1.x, a key that is no attribute of `instance` is left out (a form's extra fields, such as the
        endpoints a peering form makes); `cf_<name>` keys are compared with the custom field's value."""
        exclude = set(exclude or ())
        instance = self.prepare_instance(instance)
        wanted = {k: v for k, v in data.items() if k not in exclude and (k.startswith("cf_") or hasattr(instance, k))}
        actual = self.model_to_dict(instance, fields=list(wanted), api=api)
        for name in wanted:
            if name not in actual and name.startswith("cf_"):
                actual[name] = instance._custom_field_data.get(name[3:])
        self.assertEqual({k: comparable(actual.get(k)) for k in wanted}, {k: comparable(v) for k, v in wanted.items()})

    def assertQuerysetEqualAndNotEmpty(self, qs, values, *args, **kwargs):
        """`assertQuerySetEqual`, refusing a comparison of two empty sequences (which proves nothing)."""
        self.assertNotEqual(len(qs), 0, "Queryset cannot be empty")
        self.assertNotEqual(len(values), 0, "Values cannot be empty")
        return self.assertQuerySetEqual(qs, values, *args, **kwargs)

    def standardize_json(self, data):
        """`data` with every JSON text decoded, for comparisons that ignore how JSON was spelt."""
        return comparable(data)

    @classmethod
    def create_tags(cls, *names: str):
        """Create a tag of each name, applicable to every model that takes tags; return them in order."""
        tag_model = apps.get_model("extras", "Tag")
        taggable = [
            ContentType.objects.get_for_model(model)
            for model in apps.get_models()
            if any(getattr(f, "name", None) == "tags" and f.many_to_many for f in model._meta.get_fields())
        ]
        tags = []
        for name in names:
            tag = tag_model.objects.create(name=name, slug=slugify(name))
            tag.content_types.set(taggable)
            tags.append(tag)
        return tags
