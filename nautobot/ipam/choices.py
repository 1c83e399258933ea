"""Enumerations of the IPAM models (values are wire contract)."""

from django.db import models


class IPVersionChoices(models.IntegerChoices):
    IPV4 = 4, "IPv4"
    IPV6 = 6, "IPv6"


class IPAddressRoleChoices(models.TextChoices):
    LOOPBACK = "loopback", "Loopback"
    SECONDARY = "secondary", "Secondary"
    ANYCAST = "anycast", "Anycast"
    VIP = "vip", "VIP"
    VRRP = "vrrp", "VRRP"
    HSRP = "hsrp", "HSRP"
    GLBP = "glbp", "GLBP"
    CARP = "carp", "CARP"


# Roles whose addresses may legitimately exist more than once in one VRF.
NON_UNIQUE_IP_ROLES = frozenset({"anycast", "vip", "vrrp", "hsrp", "glbp", "carp"})


class ServiceProtocolChoices(models.TextChoices):
    TCP = "tcp", "TCP"
    UDP = "udp", "UDP"
