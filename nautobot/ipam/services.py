"""IPAM writes that need more than one row: allocating free prefixes and addresses inside a prefix.

Allocation is serialised per parent prefix: `prefix_lock` takes a row lock on the parent
(`SELECT ... FOR UPDATE` on PostgreSQL and MySQL/MariaDB; SQLite's `BEGIN IMMEDIATE` transaction
already admits one writer at a time). The free space is computed after the lock is held, and both
databases run at READ COMMITTED (Django's default on MySQL too), so each allocation sees every
allocation committed before it. Call these inside `transaction.atomic()`; the lock lasts until commit.
"""

import netaddr
from django.db import transaction

from nautobot.ipam.models import Prefix
from nautobot.ipam.selectors import available_ips, available_prefixes


class InsufficientSpace(Exception):
    """The parent prefix cannot hold what was asked; the message is the API's 204 detail."""


def prefix_lock(*, prefix_id) -> Prefix:
    """Return the prefix with its row locked until the surrounding transaction ends."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("prefix_lock() must run inside transaction.atomic(); the lock lasts until commit.")
    return Prefix.objects.select_for_update().get(pk=prefix_id)


def prefix_allocate_prefixes(*, parent: Prefix, lengths: list[int]) -> list[netaddr.IPNetwork]:
    """Pick, first fit in address order, one free network per requested prefix length (parent locked)."""
    free = available_prefixes(parent)
    picked = []
    for length in lengths:
        for block in free.iter_cidrs():
            if block.prefixlen <= length:
                network = netaddr.IPNetwork(f"{block.network}/{length}")
                free.remove(network)
                picked.append(network)
                break
        else:
            raise InsufficientSpace("Insufficient space is available to accommodate the requested prefix size(s)")
    return picked


def prefix_allocate_ips(*, parent: Prefix, count: int) -> list[netaddr.IPNetwork]:
    """Pick the first `count` free addresses of `parent`, each with the parent's mask (parent locked)."""
    free = available_ips(parent)
    if free.size < count:
        raise InsufficientSpace(
            f"An insufficient number of IP addresses are available within the prefix {parent.prefix} "
            f"({count} requested, {free.size} available)"
        )
    picked = []
    for address in free:
        if len(picked) == count:
            break
        picked.append(netaddr.IPNetwork(f"{address}/{parent.prefix_length}"))
    return picked
