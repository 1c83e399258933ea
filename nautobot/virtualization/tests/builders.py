"""ORM builders for virtualization test data (clusters, virtual machines and their interfaces): each call makes a new, valid object with unique names.

The builders of the apps below (`nautobot.dcim.tests.builders`) are re-exported, so that a test imports one module.
"""

from nautobot.virtualization.models import Cluster, ClusterGroup, ClusterType, VMInterface, VirtualMachine
from nautobot.dcim.tests.builders import *  # noqa: F403  (the builders below, re-exported)
from nautobot.dcim.tests.builders import status, unique


def cluster_type(**kw):
    name = unique("cluster-type")
    return ClusterType.objects.create(name=name, slug=name, **kw)


def cluster_group(**kw):
    name = unique("cluster-group")
    return ClusterGroup.objects.create(name=name, slug=name, **kw)


def cluster(**kw):
    kw["type"] = kw.get("type") or cluster_type()
    return Cluster.objects.create(name=unique("cluster"), **kw)


def virtual_machine(**kw):
    kw["cluster"] = kw.get("cluster") or cluster()
    kw.setdefault("name", unique("vm"))
    return VirtualMachine.objects.create(status=status(), **kw)


def vm_interface(**kw):
    kw["virtual_machine"] = kw.get("virtual_machine") or virtual_machine()
    kw.setdefault("name", unique("vmif"))
    return VMInterface.objects.create(status=status(), **kw)
