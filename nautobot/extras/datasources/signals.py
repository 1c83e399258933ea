"""Wiring: when a Git repository row is deleted (by the API, a cascade or a script), queue the removal of
what it provided once the deletion commits."""

from django.db.models.signals import post_delete

from nautobot.extras.changelog import current_change_context
from nautobot.extras.datasources.models import GitRepository
from nautobot.extras.datasources.services import enqueue_removal


def _deleted(sender, instance, **kwargs) -> None:

    active = current_change_context()
    enqueue_removal(instance, user=active.user if active is not None else None)


def connect() -> None:

    post_delete.connect(_deleted, sender=GitRepository, dispatch_uid="nautobot.datasources.deleted")
