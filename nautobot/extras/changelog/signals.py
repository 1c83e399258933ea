"""Signal receivers that feed the active change context; connected once, they do nothing outside one."""

from django.db import models
from django.db.models.signals import m2m_changed, post_save, pre_delete

from nautobot.core.models import BaseModel, ChangeLoggedModel
from nautobot.core.specs import has_spec
from nautobot.extras.changelog.choices import ObjectChangeAction
from nautobot.extras.changelog.context import current_change_context
from nautobot.extras.changelog.writer import snapshot


def is_change_logged(model: type[models.Model]) -> bool:
    """Changes of `model` are logged: it is a `ChangeLoggedModel` with a UUID key and an API representation."""

    return (
        issubclass(model, BaseModel) and issubclass(model, ChangeLoggedModel) and has_spec(model._meta.concrete_model)
    )


def _saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    active = current_change_context()
    if active is None or raw or not is_change_logged(sender):
        return
    active.record(instance, ObjectChangeAction.CREATE if created else ObjectChangeAction.UPDATE)


def _relations_changed(sender, instance, action: str, **kwargs) -> None:
    active = current_change_context()
    if (
        active is None
        or action not in ("post_add", "post_remove", "post_clear")
        or not is_change_logged(type(instance))
    ):
        return
    active.record(instance, ObjectChangeAction.UPDATE)


def _deleting(sender, instance, **kwargs) -> None:
    active = current_change_context()
    if active is None:
        return

    active.record_delete(instance, snapshot(instance))


def connect() -> None:
    """Connect the receivers (from `ExtrasConfig.ready`).

    `pre_delete` is connected per change-logged model only: a model with a `pre_delete` receiver can no
    longer be deleted in bulk by Django (each row is loaded first), which would slow down cascades of
    rows nobody logs (tagged items, cable paths).
    """
    from django.apps import apps

    post_save.connect(_saved, dispatch_uid="nautobot.changelog.saved")
    m2m_changed.connect(_relations_changed, dispatch_uid="nautobot.changelog.relations")
    for model in apps.get_models():
        if is_change_logged(model):
            pre_delete.connect(_deleting, sender=model, dispatch_uid=f"nautobot.changelog.deleting.{model._meta.label}")
