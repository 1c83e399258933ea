"""JSON shapes of cable traces and cable paths (the `trace` and `paths` actions), and the prefetches
that let list pages show generic cable ends (`cable_peer`, `connected_endpoint`, `termination_a/b`)
at a constant number of queries.
"""

from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db import models

from nautobot.core.api.brief import brief_representation, brief_select_related
from nautobot.core.api.serializers import serializer_for
from nautobot.dcim.cabling import content_type_label, path_nodes, trace_segments
from nautobot.dcim.cable_ends import cable_end_models


class GenericEndPrefetches:
    """Prefetches of generic cable ends, built when first iterated (every spec must be registered by then).

    Each model that can be a cable end is loaded with what its brief representation follows.
    """

    def __init__(self, *lookups: str) -> None:
        self.lookups = lookups

    def __iter__(self):
        querysets = [model.objects.select_related(*brief_select_related(model)) for model in cable_end_models()]
        return iter([GenericPrefetch(lookup, querysets) for lookup in self.lookups])


def _brief(obj: models.Model | None, request) -> dict | None:
    return None if obj is None else brief_representation(obj, request)


def _cable(cable, request) -> dict | None:
    if cable is None:
        return None
    return serializer_for(type(cable))(cable, context={"request": request}).data


def trace_representation(endpoint: models.Model, request) -> list[list]:
    """`[[near end, cable, far end], ...]` for `endpoint`; ends are brief objects, cables full ones.

    The trace stops before a segment whose near end is gone (a port deleted since the path was saved).
    """
    segments = []
    for near, cable, far in trace_segments(endpoint):
        if near is None:
            break
        segments.append([_brief(near, request), _cable(cable, request), _brief(far, request)])
    return segments


def cable_paths_representation(cable_paths: list, request) -> list[dict]:
    """Each path: its origin and destination (with their types), the nodes between, and its state."""
    return [
        {
            "id": str(cable_path.pk),
            "origin_type": content_type_label(cable_path.origin),
            "origin": _brief(cable_path.origin, request),
            "destination_type": content_type_label(cable_path.destination),
            "destination": _brief(cable_path.destination, request),
            "path": [_brief(node, request) for node in path_nodes(cable_path)],
            "is_active": cable_path.is_active,
            "is_split": cable_path.is_split,
        }
        for cable_path in cable_paths
    ]
