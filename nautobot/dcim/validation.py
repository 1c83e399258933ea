"""Checks of a device's (or a virtual machine's) relations that live outside dcim's own models.

They work on the objects the owner already relates to (its primary IPs, their NAT inside address), so
that dcim imports nothing of ipam: ipam sits above dcim (see DESIGN.md, "Layers").
"""

from django.db.models import QuerySet

from nautobot.core.fastpath import load_foreign_keys


def primary_ip_errors(owner, interfaces: QuerySet, assignment: str, noun: str) -> dict:
    """Errors of `owner`'s `primary_ip4`/`primary_ip6` (a device or a VM).

    A primary IP must be of its family and sit on one of `interfaces` (the owner's), itself or through
    the address it is the NAT outside of; `assignment` names the IP's foreign key to that interface kind.
    """
    errors = {}
    load_foreign_keys([owner], ["primary_ip4", "primary_ip6"])  # what the descriptors would read, SQL compiled once
    for family, name in ((4, "primary_ip4"), (6, "primary_ip6")):
        ip = getattr(owner, name)
        if ip is None:
            continue
        if ip.family != family:
            errors[name] = f"{ip} is not an IPv{family} address."
            continue
        load_foreign_keys([ip], ["nat_inside"])
        inside = ip.nat_inside if ip.nat_inside_id else None
        candidates = [pk for pk in (getattr(ip, f"{assignment}_id"), getattr(inside, f"{assignment}_id", None)) if pk]
        if not candidates or not interfaces.filter(pk__in=candidates).exists():
            errors[name] = f"The specified IP address ({ip}) is not assigned to this {noun}."
    return errors
