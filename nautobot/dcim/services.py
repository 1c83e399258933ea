"""DCIM writes that span several objects: device components from templates, virtual chassis masters, cables and their paths."""

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from nautobot.dcim.cable_ends import cable_end
from nautobot.dcim.cabling import paths_through, trace_from
from nautobot.dcim.models import COMPONENT_TEMPLATES, Cable, CablePath, Device
from nautobot.extras.statuses.defaults import default_status_for


def device_instantiate_components(*, device: Device, template_cache: dict | None = None) -> None:
    """Create every component of `device` from its device type's templates (in one transaction).

    `template_cache` (a dict kept for one request) saves re-reading the templates when many devices
    of the same type are created together.
    """
    devices_instantiate_components(devices=[device], template_cache=template_cache)


def devices_instantiate_components(*, devices: list[Device], template_cache: dict | None = None) -> None:
    """Create the components of many new devices from their types' templates: one insert per component kind."""
    made: dict[object, dict[tuple[str, str], object]] = {device.pk: {} for device in devices}
    cache = {} if template_cache is None else template_cache
    with transaction.atomic():
        for template_model in COMPONENT_TEMPLATES:
            components = []
            for device in devices:
                key = (template_model, device.device_type_id)
                if key not in cache:
                    cache[key] = list(_templates(template_model, device.device_type_id))
                components.extend(t.instantiate(device, made[device.pk]) for t in cache[key])
            if not components:
                continue
            _with_default_status(components)
            model = type(components[0])
            for component in model.objects.bulk_create(components, batch_size=1000):
                made[component.device_id][(model.__name__, component.name)] = component


def _templates(template_model, device_type_id):
    templates = template_model.objects.filter(device_type_id=device_type_id).order_by("_name")
    if template_model.__name__ == "PowerOutletTemplate":
        templates = templates.select_related("power_port")
    if template_model.__name__ == "FrontPortTemplate":
        templates = templates.select_related("rear_port")
    return templates


def _with_default_status(components: list) -> None:
    if not hasattr(components[0], "status_id"):
        return
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


# Cables and paths -------------------------------------------------------------------------------


def cable_connect(*, cable: Cable) -> None:
    """Attach a saved cable to both of its ends, then (re)compute every path it changes.

    Raises Django's `ValidationError` when an end took another cable since validation (concurrent writes).
    """
    from django.core.exceptions import ValidationError

    with transaction.atomic():
        ends = {}
        for side in ("a", "b"):
            end = _locked_end(cable, side)
            if end.cable_id not in (None, cable.pk):
                raise ValidationError({f"termination_{side}_id": f"{end} already has a cable ({end.cable_id})."})
            ends[side] = end
        for side, end in ends.items():
            if end.cable_id != cable.pk:
                type(end).objects.filter(pk=end.pk).update(cable=cable)
                end.cable = cable
            setattr(cable, f"_termination_{side}_device_id", getattr(end, "device_id", None))
        type(cable).objects.filter(pk=cable.pk).update(
            _termination_a_device_id=cable._termination_a_device_id,
            _termination_b_device_id=cable._termination_b_device_id,
        )
        cable_paths_refresh(cable=cable, ends=list(ends.values()))


def _locked_end(cable: Cable, side: str) -> models.Model:
    content_type = getattr(cable, f"termination_{side}_type")
    return content_type.model_class().objects.select_for_update().get(pk=getattr(cable, f"termination_{side}_id"))


def cable_paths_refresh(*, cable: Cable, ends: list[models.Model] | None = None) -> None:
    """Recompute the paths that start at an end of `cable` or pass through it or its ends."""
    ends = ends if ends is not None else [e for e in (cable.termination_a, cable.termination_b) if e is not None]
    done: set = set()
    for end in ends:
        kind = cable_end(end)
        if kind.is_path_endpoint:
            cable_path = cable_path_trace(origin=end)
            done.add(getattr(cable_path, "pk", None))
        if kind.is_pass_through:
            done |= cable_paths_retrace_through(node=end, skip=done)
    cable_paths_retrace_through(node=cable, skip=done)


def cable_path_trace(*, origin: models.Model) -> CablePath | None:
    """Compute and save the path starting at `origin` (an endpoint); delete it when it has no cable."""
    existing = CablePath.objects.filter(
        origin_type=ContentType.objects.get_for_model(origin), origin_id=origin.pk
    ).first()
    origin = type(origin).objects.select_related("cable__status").get(pk=origin.pk)
    if not origin.cable_id:
        if existing is not None:
            existing.delete()
        return None
    traced = trace_from(origin)
    cable_path = existing or CablePath(origin=origin)
    cable_path.path = traced.path
    cable_path.destination = traced.destination
    cable_path.is_active = traced.is_active
    cable_path.is_split = traced.is_split
    cable_path.save()
    if origin._path_id != cable_path.pk:
        type(origin).objects.filter(pk=origin.pk).update(_path=cable_path)
    return cable_path


def cable_path_retrace(*, cable_path: CablePath) -> None:
    """Recompute an existing path from its origin (in place); delete it if its origin is gone."""
    origin_model = cable_path.origin_type.model_class()
    origin = origin_model.objects.filter(pk=cable_path.origin_id).first() if origin_model else None
    if origin is None:
        cable_path.delete()
        return
    cable_path_trace(origin=origin)


def cable_disconnected(*, cable: Cable) -> None:
    """After `cable` was deleted (its ends' `cable` already nulled): shorten or drop the paths it carried."""
    cable_paths_retrace_through(node=cable)


def cable_paths_retrace_through(*, node: models.Model, skip: set | None = None) -> set:
    """Recompute every path that holds `node` (a cable or a pass-through end); return the ids of those paths."""
    retraced = set()
    for cable_path in paths_through(node).exclude(pk__in=[pk for pk in skip or () if pk is not None]):
        cable_path_retrace(cable_path=cable_path)
        retraced.add(cable_path.pk)
    return retraced
