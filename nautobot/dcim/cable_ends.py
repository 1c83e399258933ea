"""The registry of models a cable can join ("cable ends"), and how a cable path passes through each.

DCIM registers its components (`nautobot.dcim.cabling.register_dcim_cable_ends`); any other app
registers its own in its `AppConfig.ready()` (circuits: circuit terminations). Nothing in the cabling
code names a model: it asks this registry.

- `peers`: what a cable may join the end to. Compatibility is symmetric: registering `a` with peer
  `b` also lets `b` take a cable to `a`.
- `is_path_endpoint`: a cable path may start and end here (the model mixes in `PathEndpoint`).
- `traverse(end, traced, positions)`: how a path that reaches this end over a cable goes on. It
  appends the nodes it passes to `traced.path` and returns the next object whose cable the walk
  follows, or None to stop (after setting `traced.destination` if the path arrived somewhere).
  Ends without `traverse` are arrivals: the path ends there. Ends with one are "pass-through":
  paths hold them as nodes, so deleting one re-traces those paths.
- `validate(end, other)`: a message if this end cannot take a cable to `other` (e.g. a virtual
  interface), checked when a cable is validated; None when it can.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import Signal

# Sent (sender: the model, instance: the deleted end) when a pass-through end is deleted, directly or by
# cascade: the paths through it must be retraced (`nautobot.dcim.signals` does, above this registry).
pass_through_end_deleted = Signal()


@dataclass(frozen=True)
class CableEnd:
    model: type[models.Model]
    is_path_endpoint: bool
    traverse: Callable | None = None
    validate: Callable | None = None

    @property
    def is_pass_through(self) -> bool:
        return self.traverse is not None


_ends: dict[str, CableEnd] = {}
_peers: dict[str, set[str]] = defaultdict(set)


class UnknownCableEnd(LookupError):
    """A model that no app registered as a cable end was used as one."""


def register_cable_end(
    model: type[models.Model],
    *,
    peers: tuple[str, ...],
    is_path_endpoint: bool,
    traverse: Callable | None = None,
    validate: Callable | None = None,
) -> None:
    """Register `model` as a cable end that may be joined to the models labelled `peers` ("app_label.model")."""
    label = model._meta.label_lower
    _ends[label] = CableEnd(model=model, is_path_endpoint=is_path_endpoint, traverse=traverse, validate=validate)
    for peer in peers:
        _peers[label].add(peer)
        _peers[peer].add(label)
    if traverse is not None:
        post_delete.connect(_pass_through_deleted, sender=model, dispatch_uid=f"nautobot.cable_end_deleted.{label}")


def _pass_through_deleted(sender, instance, **kwargs) -> None:
    pass_through_end_deleted.send(sender=sender, instance=instance)


def cable_end(obj_or_model) -> CableEnd:
    """The registration of the model of `obj_or_model`; `UnknownCableEnd` if it has none."""
    label = obj_or_model._meta.label_lower
    try:
        return _ends[label]
    except KeyError:
        raise UnknownCableEnd(f"{label} is not a cable end; register it with register_cable_end().") from None


def cable_end_models() -> list[type[models.Model]]:
    """Every registered cable end model."""
    return [end.model for end in _ends.values()]


def can_connect(a: models.Model, b: models.Model) -> bool:
    """Whether a cable may join objects of these two models."""
    return b._meta.label_lower in _peers.get(a._meta.label_lower, ())


def cable_termination_types() -> Q:
    """`limit_choices_to` of the cable end content types: every registered model."""
    condition = Q(pk__in=[])
    for label in _ends:
        app_label, model_name = label.split(".")
        condition |= Q(app_label=app_label, model=model_name)
    return condition
