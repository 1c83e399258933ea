"""Signal wiring for DCIM: a deleted cable (directly or by cascade) shortens the paths it carried."""

from django.db.models.signals import post_delete


def _cable_deleted(sender, instance, **kwargs) -> None:
    from nautobot.dcim.services import cable_disconnected

    cable_disconnected(cable=instance)


def connect() -> None:
    from nautobot.dcim.models import Cable

    post_delete.connect(_cable_deleted, sender=Cable, dispatch_uid="nautobot.dcim.cable_deleted")
