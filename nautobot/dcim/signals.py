"""Signal wiring for DCIM: a deleted cable or front/rear port (directly or by cascade) shortens the paths through it."""

from django.db.models.signals import post_delete


def _cable_deleted(sender, instance, **kwargs) -> None:
    from nautobot.dcim.services import cable_disconnected

    cable_disconnected(cable=instance)


def _port_deleted(sender, instance, **kwargs) -> None:
    from nautobot.dcim.services import cable_paths_retrace_through

    cable_paths_retrace_through(node=instance)


def connect() -> None:
    from nautobot.dcim.models import Cable, FrontPort, RearPort

    post_delete.connect(_cable_deleted, sender=Cable, dispatch_uid="nautobot.dcim.cable_deleted")
    for port in (FrontPort, RearPort):
        post_delete.connect(_port_deleted, sender=port, dispatch_uid=f"nautobot.dcim.{port.__name__}_deleted")
