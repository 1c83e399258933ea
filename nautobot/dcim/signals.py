"""Signal wiring for DCIM: a deleted cable or pass-through cable end (directly or by cascade) shortens the paths through it.

Pass-through ends (front/rear ports, and those of other apps) are wired when they are registered
(`nautobot.dcim.cable_ends.register_cable_end`).
"""

from django.db.models.signals import post_delete


def _cable_deleted(sender, instance, **kwargs) -> None:
    from nautobot.dcim.services import cable_disconnected

    cable_disconnected(cable=instance)


def pass_through_deleted(sender, instance, **kwargs) -> None:
    from nautobot.dcim.services import cable_paths_retrace_through

    cable_paths_retrace_through(node=instance)


def connect() -> None:
    from nautobot.dcim.models import Cable

    post_delete.connect(_cable_deleted, sender=Cable, dispatch_uid="nautobot.dcim.cable_deleted")
