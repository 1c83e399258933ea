"""Circuits' part of `nautobot-server generate_test_data`: providers, circuit types and two circuits per site
(internet transit and an MPLS link), each with its A termination at the site."""

from nautobot.circuits.models import Circuit, CircuitTermination, CircuitType, Provider
from nautobot.extras.statuses.models import Status

PROVIDERS = (("Lumen", 3356), ("NTT", 2914), ("Telia", 1299), ("Zayo", 6461))


def generate(dataset) -> None:
    active = Status.objects.using(dataset.using).get(slug="active")
    providers = dataset.bulk(Provider, [Provider(name=n, slug=n.lower(), asn=asn) for n, asn in PROVIDERS])
    types = dataset.bulk(
        CircuitType, [CircuitType(name="Internet", slug="internet"), CircuitType(name="MPLS", slug="mpls")]
    )
    sites = dataset.made.get("dcim.site", [])
    circuits, sides = [], []
    for site in sites:
        for kind in types:
            provider = dataset.rng.choice(providers)
            circuit = Circuit(
                cid=f"{provider.slug.upper()}-{kind.slug.upper()}-{site.slug}",
                provider=provider,
                type=kind,
                status=active,
                tenant=site.tenant,
                commit_rate=dataset.rng.choice((100_000, 1_000_000, 10_000_000)),
            )
            circuits.append(circuit)
            sides.append(site)
    circuits = dataset.bulk(Circuit, circuits)
    terminations = dataset.bulk(
        CircuitTermination,
        [
            CircuitTermination(circuit=c, term_side="A", site=site, port_speed=c.commit_rate)
            for c, site in zip(circuits, sides, strict=True)
        ],
    )
    for circuit, termination in zip(circuits, terminations, strict=True):
        circuit.termination_a = termination
    Circuit.objects.using(dataset.using).bulk_update(circuits, ["termination_a"], batch_size=1000)
