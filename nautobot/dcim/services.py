"""DCIM writes that span several objects."""

from django.db import transaction

from nautobot.dcim.models import COMPONENT_TEMPLATES, Device


def device_instantiate_components(*, device: Device) -> None:
    """Create every component of `device` from its device type's templates (in one transaction)."""
    made: dict[tuple[str, str], object] = {}
    with transaction.atomic():
        for template_model in COMPONENT_TEMPLATES:
            templates = template_model.objects.filter(device_type_id=device.device_type_id).order_by("_name")
            if template_model.__name__ in ("PowerOutletTemplate",):
                templates = templates.select_related("power_port")
            if template_model.__name__ == "FrontPortTemplate":
                templates = templates.select_related("rear_port")
            components = [t.instantiate(device, made) for t in templates]
            if not components:
                continue
            _with_default_status(components)
            model = type(components[0])
            created = model.objects.bulk_create(components)
            made.update({(model.__name__, c.name): c for c in created})


def _with_default_status(components: list) -> None:
    if not hasattr(components[0], "status_id"):
        return
    from nautobot.extras.statuses import default_status_for

    status = default_status_for(type(components[0]))
    for component in components:
        component.status = status


def virtual_chassis_adopt_master(*, virtual_chassis) -> None:
    """Put the master device of a new virtual chassis into it (position 1 unless it has one)."""
    master = virtual_chassis.master
    if master is None or master.virtual_chassis_id == virtual_chassis.pk:
        return
    master.virtual_chassis = virtual_chassis
    if master.vc_position is None:
        master.vc_position = 1
    master.save(update_fields=["virtual_chassis", "vc_position", "last_updated"])
