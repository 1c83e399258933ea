"""Selectors for cables and cable paths: far ends, path walking, and paths turned back into objects.

A path is walked from an endpoint (interface, console/power port, power outlet, power feed, or any
end another app registers) along its cable; each end reached says how the walk goes on (see
`nautobot.dcim.cable_ends`): a front port leads to its rear port (remembering the position on
multi-position rear ports), a rear port back to the front port at the remembered position, until an
endpoint is reached. Writes (saving paths) live in `nautobot.dcim.services`.
"""

import uuid
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models

from nautobot.dcim.cable_ends import cable_end, register_cable_end
from nautobot.dcim.choices import NON_CONNECTABLE_INTERFACE_TYPES

# Longest path we follow; a loop of front/rear ports would otherwise never end.
MAX_PATH_NODES = 1000


@dataclass
class TracedPath:
    """The result of walking from an origin: the nodes between the ends, and the far end if any."""

    path: list[str] = field(default_factory=list)
    destination: models.Model | None = None
    is_active: bool = True
    is_split: bool = False


def node_ref(obj: models.Model) -> str:
    """`"app_label.model:uuid"`: how an object is named in `CablePath.path`."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def content_type_label(obj: models.Model | None) -> str | None:
    return None if obj is None else obj._meta.label_lower


def cable_peer(termination: models.Model):
    """The object at the other end of `termination`'s cable (None when it has no cable)."""
    cable = termination.cable if termination.cable_id else None
    if cable is None:
        return None
    content_type = ContentType.objects.get_for_model(termination)
    if cable.termination_a_type_id == content_type.pk and cable.termination_a_id == termination.pk:
        return cable.termination_b
    return cable.termination_a


def trace_from(origin: models.Model) -> TracedPath:
    """Walk the cables from `origin` and return the path found (see the module docstring)."""
    traced = TracedPath()
    positions: list[int] = []
    node = origin
    while node is not None and node.cable_id and len(traced.path) < MAX_PATH_NODES:
        cable = node.cable
        if cable.status is None or cable.status.slug != "connected":
            traced.is_active = False
        traced.path.append(node_ref(cable))
        peer = cable_peer(node)
        if peer is None:
            break
        traverse = cable_end(peer).traverse
        if traverse is None:
            traced.destination = peer
            break
        node = traverse(peer, traced, positions)
    if traced.destination is None:
        traced.is_active = False
    return traced


def _enter_front_port(front, traced: TracedPath, positions: list[int]):
    """From a front port go to its rear port (pushing the position if the rear port has several)."""
    rear = front.rear_port
    traced.path.append(node_ref(front))
    if rear.positions > 1:
        positions.append(front.rear_port_position)
    traced.path.append(node_ref(rear))
    return rear


def _leave_rear_port(rear, traced: TracedPath, positions: list[int]):
    """From a rear port go to the front port at the remembered position; None ends the walk."""
    traced.path.append(node_ref(rear))
    if rear.positions == 1:
        position = 1
    elif positions:
        position = positions.pop()
    else:
        traced.is_split = True
        return None
    front_port = apps.get_model("dcim", "FrontPort")
    front = (
        front_port.objects.select_related("cable__status", "rear_port")
        .filter(rear_port=rear, rear_port_position=position)
        .first()
    )
    if front is not None:
        traced.path.append(node_ref(front))
    return front


def paths_through(obj: models.Model) -> models.QuerySet:
    """Every `CablePath` whose `path` holds `obj` (a cable, front port or rear port)."""
    from django.db.models import TextField
    from django.db.models.functions import Cast

    cable_path = apps.get_model("dcim", "CablePath")
    return cable_path.objects.annotate(_path_text=Cast("path", TextField())).filter(_path_text__contains=node_ref(obj))


def resolve_nodes(refs: list[str]) -> list[models.Model | None]:
    """Load the objects named by `refs` (one query per model), in order; None for vanished ones."""
    by_label: dict[str, list[uuid.UUID]] = {}
    for ref in refs:
        label, pk = ref.split(":", 1)
        by_label.setdefault(label, []).append(uuid.UUID(pk))
    loaded: dict[str, models.Model] = {}
    for label, pks in by_label.items():
        model = apps.get_model(label)
        related = [f.name for f in model._meta.concrete_fields if f.name in ("device", "cable")]
        queryset = model.objects.filter(pk__in=pks).select_related(*related)
        loaded.update({node_ref(obj): obj for obj in queryset})
    return [loaded.get(ref) for ref in refs]


def trace_segments(endpoint: models.Model) -> list[tuple]:
    """`endpoint`'s path as `(near end, cable, far end)` triples; far end/cable may be None; [] if uncabled."""
    path = endpoint._path if endpoint._path_id else None
    if path is None:
        return []
    nodes: list = [endpoint, *resolve_nodes(path.path)]
    while (len(nodes) + 1) % 3:
        nodes.append(None)  # the walk stopped on a port: pad so the destination closes a triple
    nodes.append(path.destination)
    return [tuple(nodes[i : i + 3]) for i in range(0, len(nodes), 3)]


def path_nodes(cable_path) -> list[models.Model | None]:
    """The objects between the two ends of `cable_path`."""
    return resolve_nodes(cable_path.path)


def register_dcim_cable_ends() -> None:
    """Register the DCIM components a cable can join, with what each may be joined to."""
    model = lambda name: apps.get_model("dcim", name)  # noqa: E731
    pass_through_peers = (
        "dcim.consoleport",
        "dcim.consoleserverport",
        "dcim.interface",
        "dcim.frontport",
        "dcim.rearport",
    )
    register_cable_end(
        model("FrontPort"),
        peers=pass_through_peers,
        is_path_endpoint=False,
        traverse=_enter_front_port,
        validate=_front_port_error,
    )
    register_cable_end(model("RearPort"), peers=pass_through_peers, is_path_endpoint=False, traverse=_leave_rear_port)
    register_cable_end(model("ConsolePort"), peers=("dcim.consoleserverport",), is_path_endpoint=True)
    register_cable_end(model("ConsoleServerPort"), peers=(), is_path_endpoint=True)
    register_cable_end(model("Interface"), peers=("dcim.interface",), is_path_endpoint=True, validate=_interface_error)
    register_cable_end(model("PowerPort"), peers=("dcim.poweroutlet", "dcim.powerfeed"), is_path_endpoint=True)
    register_cable_end(model("PowerOutlet"), peers=(), is_path_endpoint=True)
    register_cable_end(model("PowerFeed"), peers=(), is_path_endpoint=True)


def _interface_error(interface, other) -> str | None:
    if interface.type in NON_CONNECTABLE_INTERFACE_TYPES:
        return f"Interface {interface} is of type {interface.get_type_display()}, which cannot be cabled."
    return None


def _front_port_error(front, other) -> str | None:
    if other._meta.label_lower == "dcim.rearport" and front.rear_port_id == other.pk:
        return f"Front port {front} cannot be connected to its own rear port."
    return None
