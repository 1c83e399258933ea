"""ORM builders for circuits test data (providers, circuits and their terminations): each call makes a new, valid object with unique names.

The builders of the apps below (`nautobot.dcim.tests.builders`) are re-exported, so that a test imports one module.
"""

from nautobot.circuits.models import Circuit, CircuitTermination, CircuitType, Provider, ProviderNetwork
from nautobot.circuits.services import circuit_termination_saved
from nautobot.dcim.tests.builders import *  # noqa: F403  (the builders below, re-exported)
from nautobot.dcim.tests.builders import site, status, unique


def provider(**kw):
    name = unique("provider")
    return Provider.objects.create(name=name, slug=name, **kw)


def provider_network(**kw):
    name = unique("provider-network")
    kw["provider"] = kw.get("provider") or provider()
    return ProviderNetwork.objects.create(name=name, slug=name, **kw)


def circuit_type(**kw):
    name = unique("circuit-type")
    return CircuitType.objects.create(name=name, slug=name, **kw)


def circuit(**kw):
    kw["provider"] = kw.get("provider") or provider()
    kw["type"] = kw.get("type") or circuit_type()
    return Circuit.objects.create(cid=unique("cid"), status=status(), **kw)


def circuit_termination(**kw):
    """A termination (side A unless `term_side`) of `circuit` (default: a new one) at a new site, as the API makes it."""
    kw["circuit"] = kw.get("circuit") or circuit()
    kw.setdefault("term_side", "A")
    if "provider_network" not in kw and "location" not in kw:
        kw["site"] = kw.get("site") or site()
    termination = CircuitTermination(**kw)
    termination.validated_save()
    circuit_termination_saved(termination=termination)
    return termination
