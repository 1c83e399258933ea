"""Signal wiring for DCIM: a deleted cable or pass-through cable end (directly or by cascade) shortens the paths through it.

Pass-through ends (front/rear ports, and those of other apps) announce their deletion through
`nautobot.dcim.cable_ends.pass_through_end_deleted` (connected when they are registered); the paths are
retraced here, above the registry.
"""

from django.db.models.signals import post_delete

from nautobot.dcim.cable_ends import pass_through_end_deleted
from nautobot.dcim.models import Cable
from nautobot.dcim.services import cable_disconnected, cable_paths_retrace_through


def _cable_deleted(sender, instance, **kwargs) -> None:
    cable_disconnected(cable=instance)


def _pass_through_deleted(sender, instance, **kwargs) -> None:
    cable_paths_retrace_through(node=instance)


def connect() -> None:
    post_delete.connect(_cable_deleted, sender=Cable, dispatch_uid="nautobot.dcim.cable_deleted")
    pass_through_end_deleted.connect(_pass_through_deleted, dispatch_uid="nautobot.dcim.pass_through_deleted")
