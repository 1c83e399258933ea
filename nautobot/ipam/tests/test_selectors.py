"""The prefix hierarchy computed from the data: parents, children, addresses, free space, utilization."""

import pytest

from nautobot.extras.tests import builders as b
from nautobot.ipam import selectors
from nautobot.ipam.tests import builders as ib

pytestmark = pytest.mark.django_db


def test_parents_and_children_follow_vrfs_and_global_containers():
    vrf = ib.vrf()
    container = ib.prefix("10.0.0.0/8", status=b.status("container"))
    global16 = ib.prefix("10.1.0.0/16")
    in_vrf16 = ib.prefix("10.1.0.0/16", vrf=vrf)
    in_vrf24 = ib.prefix("10.1.2.0/24", vrf=vrf)
    assert set(selectors.prefix_children(container)) == {global16, in_vrf16, in_vrf24}  # a global container spans VRFs
    assert list(selectors.prefix_children(global16)) == []  # the /24 is in another VRF
    assert list(selectors.prefix_children(in_vrf16)) == [in_vrf24]
    assert list(selectors.prefix_parents(in_vrf24)) == [container, in_vrf16]
    assert list(selectors.prefix_parents(global16)) == [container]
    assert selectors.prefix_depth(in_vrf24) == 2


def test_utilization_of_containers_and_networks():
    container = ib.prefix("10.0.0.0/22", status=b.status("container"))
    ib.prefix("10.0.0.0/24")
    ib.prefix("10.0.1.0/24")
    assert selectors.prefix_utilization(container).percent == 50.0
    network = ib.prefix("192.0.2.0/29")
    ib.ip_address("192.0.2.1/29")
    ib.ip_address("192.0.2.0/29")  # the network address is not usable, so it does not count
    used = selectors.prefix_utilization(network)
    assert (used.numerator, used.denominator) == (1, 6)
    pool = ib.prefix("198.51.100.0/30", is_pool=True)
    ib.ip_address("198.51.100.0/30")
    assert (selectors.prefix_utilization(pool).numerator, selectors.prefix_utilization(pool).denominator) == (1, 4)


def test_available_prefixes_and_ips_are_the_gaps():
    parent = ib.prefix("10.2.0.0/22")
    ib.prefix("10.2.1.0/24")
    assert [str(n) for n in selectors.available_prefixes(parent).iter_cidrs()] == ["10.2.0.0/24", "10.2.2.0/23"]
    small = ib.prefix("10.3.0.0/30")
    ib.ip_address("10.3.0.1/30")
    assert [str(a) for a in selectors.available_ips(small)] == ["10.3.0.2"]
