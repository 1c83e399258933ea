"""Circuit writes that span objects: a circuit's pointers to its A and Z ends, and the cable paths across it."""

from django.db import transaction

from nautobot.circuits.models import Circuit, CircuitTermination
from nautobot.dcim.services import cable_paths_retrace_through


def circuit_terminations_refresh(*, circuit_id) -> None:
    """Point the circuit's `termination_a`/`termination_z` at its current A and Z terminations."""
    sides = dict(CircuitTermination.objects.filter(circuit_id=circuit_id).values_list("term_side", "pk"))
    Circuit.objects.filter(pk=circuit_id).update(termination_a_id=sides.get("A"), termination_z_id=sides.get("Z"))


def circuit_termination_saved(*, termination: CircuitTermination, previous_circuit_id=None) -> None:
    """After a termination was created or changed: refresh its circuit(s) and the paths that cross them.

    A path that reached one end of a circuit depends on the other end (whether it exists, its cable,
    its provider network), so every path through a termination of an affected circuit is re-traced.
    """
    circuit_ids = {termination.circuit_id, previous_circuit_id} - {None}
    with transaction.atomic():
        for circuit_id in circuit_ids:
            circuit_terminations_refresh(circuit_id=circuit_id)
        done: set = set()
        for end in CircuitTermination.objects.filter(circuit_id__in=circuit_ids):
            done |= cable_paths_retrace_through(node=end, skip=done)
