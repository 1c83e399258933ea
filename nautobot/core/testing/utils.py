"""Helpers of the 1.x app test API (`nautobot.utilities.testing.utils`): users, form data, HTML pages, objects.

Nothing here imports an app: models are reached by name (`apps.get_model`, `settings.AUTH_USER_MODEL`).
"""

import contextlib
import html
import logging
import re

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import models


def post_data(data: dict) -> dict:
    """Turn test data (values as they compare to an instance) into a dict a test client can POST as a form.

    Model instances become their primary key, lists become lists of strings, None becomes "" (an empty input).
    """
    posted = {}
    for key, value in data.items():
        if value is None:
            posted[key] = ""
        elif isinstance(value, list | tuple | set | models.QuerySet):
            posted[key] = [str(getattr(item, "pk", item)) for item in value]
        elif isinstance(value, models.Model):
            posted[key] = str(value.pk)
        else:
            posted[key] = str(value)
    return posted


def _permission(name: str) -> Permission:
    try:
        app_label, codename = name.split(".")
    except ValueError:
        raise ValueError(
            f"Permission names are <app_label>.<action>_<model>, e.g. dcim.view_site (got {name!r})."
        ) from None
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        raise ValueError(f"No permission {name!r}: is the app installed and its migrations applied?") from None


def create_test_user(username: str = "testuser", permissions=None):
    """Create a user holding the given Django model permissions (`["dcim.view_site", ...]`)."""
    user = get_user_model().objects.create_user(username=username)
    for name in permissions or ():
        user.user_permissions.add(_permission(name))
    return user


_ERRORS = re.compile(
    r'<(?:ul|div|span|p)[^>]*class="[^"]*(?:errorlist|invalid-feedback|text-danger|help-block)[^"]*"[^>]*>(.*?)</(?:ul|div|span|p)>',
    re.DOTALL,
)
_TAGS = re.compile(r"<[^>]+>")


def extract_form_failures(content) -> list[str]:
    """Return the form error messages found in an HTML page (for assertion messages)."""
    if isinstance(content, bytes):
        content = content.decode(errors="replace")
    failures = []
    for block in _ERRORS.findall(content):
        for line in _TAGS.sub("\n", block).splitlines():
            text = html.unescape(line).strip()
            if text:
                failures.append(text)
    return failures


_MAIN = re.compile(r"<main\b[^>]*>(.*)</main>", re.DOTALL)
_WRAPPER = re.compile(r'<div class="container-fluid wrapper"[^>]*>(.*)</div>\s*<footer', re.DOTALL)
_BODY = re.compile(r"<body\b[^>]*>(.*)</body>", re.DOTALL)


def extract_page_body(content) -> str:
    """Return the main part of an HTML page (without the navigation and footer), for readable failure messages."""
    if isinstance(content, bytes):
        content = content.decode(errors="replace")
    for pattern in (_MAIN, _WRAPPER, _BODY):
        match = pattern.search(content)
        if match:
            return match.group(1).strip()
    return content


@contextlib.contextmanager
def disable_warnings(logger_name: str):
    """Silence the warnings of one logger (e.g. `django.request` for expected 4xx answers) inside the block."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def get_deletable_objects(model: type[models.Model], queryset: models.QuerySet) -> models.QuerySet:
    """Narrow `queryset` to the objects that nothing protects from deletion (`on_delete=PROTECT` relations)."""
    for relation in model._meta.get_fields():
        if not (relation.is_relation and relation.auto_created and not relation.concrete):
            continue  # only reverse relations: other objects pointing at ours
        if getattr(relation, "on_delete", None) is not models.PROTECT or relation.hidden:
            continue
        queryset = queryset.exclude(**{f"{relation.name}__isnull": False})
    return queryset


def get_changes_for_model(instance: models.Model) -> models.QuerySet:
    """The change log records of `instance`, newest first."""
    from django.contrib.contenttypes.models import ContentType  # contenttypes' models need the app registry

    object_change = apps.get_model("extras", "ObjectChange")
    return object_change.objects.filter(
        changed_object_type=ContentType.objects.get_for_model(type(instance)), changed_object_id=instance.pk
    ).order_by("-time")


def route_for_model(model: type[models.Model], action: str, api: bool = False) -> str:
    """The URL name of `action` for `model`, as 1.x names them: `dcim:site_list`, `dcim-api:site-list`,
    `plugins:<app>:<model>_list`, `plugins-api:<app>-api:<model>-list`; the UI detail page is `dcim:site`."""
    app_label, model_name = model._meta.app_label, model._meta.model_name
    plugin = getattr(apps.get_app_config(app_label), "nautobot_plugin", False)
    if api:
        return f"{'plugins-api:' if plugin else ''}{app_label}-api:{model_name}-{action}"
    suffix = "" if action == "detail" else f"_{action}"
    return f"{'plugins:' if plugin else ''}{app_label}:{model_name}{suffix}"
