"""Aggregates, prefixes and IP addresses: the numbered space, stored as comparable bytes (see `ipam.fields`).

`prefix` and `address` are properties over the stored columns: read them as `netaddr` objects, set
them from a string or a `netaddr` object (host bits of a prefix are dropped, as the original does).
Parents, children and utilization are computed from the data by `ipam.selectors`; nothing about the
hierarchy is stored.
"""

import netaddr
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from nautobot.core.models import PrimaryModel
from nautobot.core.models.fields import RelatedObjectsByName, forward_object
from nautobot.extras.models import StatusField
from nautobot.ipam.choices import NON_UNIQUE_IP_ROLES, IPAddressRoleChoices, IPVersionChoices
from nautobot.ipam.fields import VarbinaryIPField
from nautobot.ipam.networks import first, last, network_contains, network_equals, network_within

__all__ = ("Aggregate", "Prefix", "IPAddress", "ASSIGNMENT_FIELDS")

DNSValidator = RegexValidator(
    r"^([0-9A-Za-z_-]+|\*)(\.[0-9A-Za-z_-]+)*\.?$",
    "Only alphanumeric characters, asterisks, hyphens, periods, and underscores are allowed in DNS names",
)


def _as_network(value) -> netaddr.IPNetwork:
    try:
        return value if isinstance(value, netaddr.IPNetwork) else netaddr.IPNetwork(str(value).strip())
    except (netaddr.AddrFormatError, ValueError, TypeError):
        raise ValidationError(f"{value!r} is not a valid IP network.") from None


class NetworkModel(models.Model):
    """A network: first and last address, prefix length and IP version."""

    network = VarbinaryIPField(editable=False)
    broadcast = VarbinaryIPField(editable=False)
    prefix_length = models.PositiveSmallIntegerField(editable=False)
    ip_version = models.PositiveSmallIntegerField(choices=IPVersionChoices.choices, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        # What str(self.prefix) gives, without building the network.
        if self.network is None:
            return ""
        return f"{self.network}/{self.prefix_length}" if self.prefix_length is not None else str(self.prefix)

    @property
    def prefix(self) -> netaddr.IPNetwork | None:
        if self.network is None or self.prefix_length is None:
            return None
        network = self.network if isinstance(self.network, netaddr.IPAddress) else netaddr.IPAddress(self.network)
        return netaddr.IPNetwork((network.value, self.prefix_length), version=network.version)

    @prefix.setter
    def prefix(self, value) -> None:
        network = _as_network(value).cidr
        self.network, self.broadcast = first(network), last(network)
        self.prefix_length, self.ip_version = network.prefixlen, network.version

    @property
    def family(self) -> int | None:
        return self.ip_version

    def clean(self) -> None:
        super().clean()
        if self.prefix_length == 0:
            raise ValidationError({"prefix": f"Cannot create {self._meta.verbose_name} with /0 mask."})


class Aggregate(NetworkModel, PrimaryModel):
    """A block of space delegated by a RIR; aggregates never overlap."""

    rir = models.ForeignKey("ipam.RIR", on_delete=models.PROTECT, related_name="aggregates", verbose_name="RIR")
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="aggregates", blank=True, null=True
    )
    date_added = models.DateField(blank=True, null=True)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("ip_version", "network", "prefix_length", "pk")
        indexes = [models.Index(fields=["ip_version", "network", "broadcast"], name="ipam_aggregate_range")]

    def clean(self) -> None:
        super().clean()
        if self.network is None:
            return
        prefix = self.prefix
        overlapping = (
            Aggregate.objects.filter(network_contains(prefix) | network_within(prefix)).exclude(pk=self.pk).first()
        )
        if overlapping is not None:
            covers = overlapping.prefix_length <= self.prefix_length
            relation = "is already covered by" if covers else "covers"
            raise ValidationError(
                {"prefix": f"Aggregates cannot overlap. {prefix} {relation} an existing aggregate ({overlapping})."}
            )


class Prefix(NetworkModel, PrimaryModel):
    """An IP network, optionally in a VRF; its parents and children are whatever contains or lies in it."""

    site = models.ForeignKey("dcim.Site", on_delete=models.PROTECT, related_name="prefixes", blank=True, null=True)
    location = models.ForeignKey(
        "dcim.Location", on_delete=models.PROTECT, related_name="prefixes", blank=True, null=True
    )
    vrf = models.ForeignKey(
        "ipam.VRF", on_delete=models.PROTECT, related_name="prefixes", blank=True, null=True, verbose_name="VRF"
    )
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="prefixes", blank=True, null=True
    )
    vlan = models.ForeignKey(
        "ipam.VLAN", on_delete=models.PROTECT, related_name="prefixes", blank=True, null=True, verbose_name="VLAN"
    )
    status = StatusField()
    role = models.ForeignKey("ipam.Role", on_delete=models.SET_NULL, related_name="prefixes", blank=True, null=True)
    is_pool = models.BooleanField(
        default=False, verbose_name="Is a pool", help_text="All IP addresses within this prefix are considered usable"
    )
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = (models.F("vrf").asc(nulls_first=True), "ip_version", "network", "prefix_length", "pk")
        indexes = [
            models.Index(fields=["ip_version", "network", "broadcast", "prefix_length"], name="ipam_prefix_range")
        ]
        verbose_name_plural = "prefixes"

    def clean(self) -> None:
        super().clean()
        if self.network is None:
            return
        if self.location_id and self.site_id and self.location.site_id not in (None, self.site_id):
            raise ValidationError({"location": f"Location {self.location} does not belong to site {self.site}."})
        if self.vrf.enforce_unique if self.vrf_id else settings.ENFORCE_GLOBAL_UNIQUE:
            duplicate = Prefix.objects.filter(network_equals(self.prefix), vrf=self.vrf_id).exclude(pk=self.pk).first()
            if duplicate is not None:
                table = f"VRF {self.vrf}" if self.vrf_id else "global table"
                raise ValidationError({"prefix": f"Duplicate prefix found in {table}: {duplicate}"})


# IP address assignment: one nullable foreign key per kind of interface (`interface` for DCIM,
# `vminterface` for virtualization). The API shows them as the original's generic
# `assigned_object_type`/`assigned_object_id`. Content type label -> (foreign key on IPAddress, the
# interface's parent: the object whose primary IPs the address may be).
ASSIGNMENT_FIELDS: dict[str, tuple[str, str]] = {
    "dcim.interface": ("interface", "device"),
    "virtualization.vminterface": ("vminterface", "virtual_machine"),
}


class IPAddress(PrimaryModel):
    """A host address with its mask, optionally in a VRF and assigned to an interface."""

    host = VarbinaryIPField(editable=False)
    prefix_length = models.PositiveSmallIntegerField(editable=False)
    ip_version = models.PositiveSmallIntegerField(choices=IPVersionChoices.choices, editable=False)
    vrf = models.ForeignKey(
        "ipam.VRF", on_delete=models.PROTECT, related_name="ip_addresses", blank=True, null=True, verbose_name="VRF"
    )
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="ip_addresses", blank=True, null=True
    )
    status = StatusField()
    role = models.CharField(
        max_length=50, choices=IPAddressRoleChoices.choices, blank=True, help_text="The functional role of this IP"
    )
    interface = models.ForeignKey(
        "dcim.Interface", on_delete=models.CASCADE, related_name="ip_addresses", blank=True, null=True
    )
    vminterface = models.ForeignKey(
        "virtualization.VMInterface",
        on_delete=models.CASCADE,
        related_name="ip_addresses",
        blank=True,
        null=True,
        verbose_name="VM interface",
    )
    # `ip.interface` / `ip.vminterface` are 1.x's managers (the interfaces' generic relation there):
    # `ip.interface.exists()`; the interface itself is `ip.assigned_object`.
    interface.forward_related_accessor_class = vminterface.forward_related_accessor_class = RelatedObjectsByName
    nat_inside = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        related_name="nat_outside_list",
        blank=True,
        null=True,
        verbose_name="NAT (Inside)",
        help_text='The IP Addresses for which this address is the "outside" IP',
    )
    dns_name = models.CharField(
        max_length=255,
        blank=True,
        validators=[DNSValidator],
        verbose_name="DNS Name",
        help_text="Hostname or FQDN (not case-sensitive)",
    )
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        # By the packed host bytes, as 1.x: `2001:db8::1` (0x20...) sorts between `10.0.0.1` and `172.16.0.1`.
        ordering = ("host", "prefix_length", "pk")
        indexes = [models.Index(fields=["ip_version", "host"], name="ipam_ipaddress_host")]
        verbose_name = "IP address"
        verbose_name_plural = "IP addresses"

    def __str__(self) -> str:
        # What str(self.address) gives, without building the network (API lists show thousands of these).
        if self.host is None:
            return ""
        return f"{self.host}/{self.prefix_length}" if self.prefix_length is not None else str(self.address)

    @property
    def address(self) -> netaddr.IPNetwork | None:
        if self.host is None or self.prefix_length is None:
            return None
        # From the integer, not from text: a fourth of the cost, same network.
        host = self.host if isinstance(self.host, netaddr.IPAddress) else netaddr.IPAddress(self.host)
        return netaddr.IPNetwork((host.value, self.prefix_length), version=host.version)

    @address.setter
    def address(self, value) -> None:
        address = _as_network(value)
        self.host, self.prefix_length, self.ip_version = address.ip, address.prefixlen, address.version

    @property
    def family(self) -> int | None:
        return self.ip_version

    @property
    def assigned_object(self):
        """The interface (of whatever kind) this address is assigned to, or None."""
        for name, _ in ASSIGNMENT_FIELDS.values():
            if getattr(self, f"{name}_id") is not None:
                return forward_object(self, name)
        return None

    @assigned_object.setter
    def assigned_object(self, value) -> None:
        """Assign the address to `value` (an interface of any kind), or to nothing (None), as 1.x's generic
        `assigned_object` (`IPAddress.objects.create(address=..., assigned_object=interface)`)."""
        label = value._meta.label_lower if value is not None else None
        if label is not None and label not in ASSIGNMENT_FIELDS:
            raise ValueError(f"An IP address cannot be assigned to a {value._meta.verbose_name}; use an interface.")
        for kind, (name, _parent) in ASSIGNMENT_FIELDS.items():
            setattr(self, name, value if kind == label else None)

    def clean(self) -> None:
        super().clean()
        if self.host is None:
            return
        errors = {}
        assigned = [fk for fk, _ in ASSIGNMENT_FIELDS.values() if getattr(self, f"{fk}_id") is not None]
        if len(assigned) > 1:
            errors[assigned[-1]] = "An IP address can be assigned to one interface only."
        if self.prefix_length == 0:
            errors["address"] = "Cannot create IP address with /0 mask."
        elif self.role not in NON_UNIQUE_IP_ROLES and (
            self.vrf.enforce_unique if self.vrf_id else settings.ENFORCE_GLOBAL_UNIQUE
        ):
            duplicate = IPAddress.objects.filter(ip_version=self.ip_version, host=self.host, vrf=self.vrf_id).exclude(
                pk=self.pk
            )
            duplicate = duplicate.exclude(role__in=NON_UNIQUE_IP_ROLES).first()
            if duplicate is not None:
                table = f"VRF {self.vrf}" if self.vrf_id else "global table"
                errors["address"] = f"Duplicate IP address found in {table}: {duplicate}"
        if self.status_id and self.status.slug == "slaac" and self.ip_version != 6:
            errors["status"] = "Only IPv6 addresses can be assigned SLAAC status"
        if self.nat_inside_id and self.nat_inside_id == self.pk:
            errors["nat_inside"] = "An IP address cannot be its own NAT inside address."
        errors.update(self._primary_ip_errors())
        if errors:
            raise ValidationError(errors)

    def assigned_parent_key(self) -> tuple[str, object] | None:
        """`("device", <device id>)` (or the VM's) of the interface this address is on, from the current values."""
        for name, parent in ASSIGNMENT_FIELDS.values():
            interface = forward_object(self, name) if getattr(self, f"{name}_id") is not None else None
            if interface is not None:
                return parent, getattr(interface, f"{parent}_id")
        return None

    def _primary_ip_errors(self) -> dict:
        """An address that is its device's (or VM's) primary IP must stay on that device."""
        if self._state.adding:
            return {}
        stored = IPAddress.objects.filter(pk=self.pk).first()
        previous = stored.assigned_parent_key() if stored is not None else None
        if previous is None or previous == self.assigned_parent_key():
            return {}
        parent_name, parent_id = previous
        parent_model = (
            type(self)._meta.get_field(_fk_of(parent_name)).related_model._meta.get_field(parent_name).related_model
        )
        if (
            parent_model.objects.filter(pk=parent_id)
            .filter(models.Q(primary_ip4=self.pk) | models.Q(primary_ip6=self.pk))
            .exists()
        ):
            field = _fk_of(parent_name)
            return {
                field: f"Cannot reassign IP address while it is designated as the primary IP for the parent {parent_name.replace('_', ' ')}."
            }
        return {}


def _fk_of(parent_name: str) -> str:
    return next(fk for fk, parent in ASSIGNMENT_FIELDS.values() if parent == parent_name)
