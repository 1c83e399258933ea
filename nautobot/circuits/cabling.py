"""How cables and cable paths treat circuit terminations (registered with `nautobot.dcim.cable_ends`).

A circuit termination takes a cable to an interface, a front or rear port, or another circuit
termination. It is a path endpoint (a path starts at it) and a pass-through: a path arriving at one
end of a circuit continues from the other end (A to Z, Z to A) along that end's cable; when the far
end has no cable, the path ends there: at its provider network if it is in one, else nowhere.
"""

from nautobot.dcim.cable_ends import register_cable_end
from nautobot.dcim.cabling import TracedPath, node_ref
from nautobot.circuits.models import CircuitTermination


def traverse_circuit(termination, traced: TracedPath, positions: list[int]):
    """Cross the circuit from `termination` to its peer; return the peer if the walk goes on along its cable."""
    traced.path.append(node_ref(termination))
    far = termination.peer_termination()
    if far is None:
        return None
    traced.path.append(node_ref(far))
    if far.cable_id:
        return far
    if far.provider_network_id:
        traced.destination = far.provider_network
    return None


def _termination_error(termination, other) -> str | None:
    if termination.provider_network_id:
        return f"Circuit termination {termination} is in a provider network and cannot take a cable."
    return None


def register_circuit_cable_ends() -> None:
    register_cable_end(
        CircuitTermination,
        peers=("dcim.interface", "dcim.frontport", "dcim.rearport", "circuits.circuittermination"),
        is_path_endpoint=True,
        traverse=traverse_circuit,
        validate=_termination_error,
    )
