"""The statuses a fresh database has, and which models may use each (as a fresh original 1.6 database)."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from nautobot.extras.statuses.models import Status

# slug: (name, color, description, model labels that may use it)
DEFAULT_STATUSES = {
    "active": (
        "Active",
        "4caf50",
        "Unit is active",
        (
            "dcim.site",
            "dcim.location",
            "dcim.rack",
            "dcim.device",
            "dcim.interface",
            "dcim.powerfeed",
            "dcim.deviceredundancygroup",
            "dcim.interfaceredundancygroup",
            "circuits.circuit",
            "ipam.prefix",
            "ipam.ipaddress",
            "ipam.vlan",
            "virtualization.virtualmachine",
            "virtualization.vminterface",
        ),
    ),
    "planned": (
        "Planned",
        "00bcd4",
        "Unit has been planned",
        (
            "dcim.site",
            "dcim.location",
            "dcim.device",
            "dcim.interface",
            "dcim.powerfeed",
            "circuits.circuit",
            "dcim.cable",
            "dcim.rack",
            "dcim.deviceredundancygroup",
            "dcim.interfaceredundancygroup",
            "virtualization.virtualmachine",
            "virtualization.vminterface",
        ),
    ),
    "staged": ("Staged", "2196f3", "Unit has been staged", ("dcim.device", "virtualization.virtualmachine")),
    "staging": ("Staging", "2196f3", "Unit is being staged", ("dcim.site", "dcim.location")),
    "failed": (
        "Failed",
        "f44336",
        "Unit has failed",
        (
            "dcim.device",
            "dcim.powerfeed",
            "dcim.interface",
            "virtualization.virtualmachine",
            "virtualization.vminterface",
        ),
    ),
    "offline": (
        "Offline",
        "ffc107",
        "Unit is offline",
        ("dcim.device", "dcim.powerfeed", "virtualization.virtualmachine", "circuits.circuit"),
    ),
    "inventory": ("Inventory", "9e9e9e", "Device is in inventory", ("dcim.device",)),
    "decommissioning": (
        "Decommissioning",
        "ffc107",
        "Unit is being decommissioned",
        (
            "dcim.site",
            "dcim.location",
            "dcim.device",
            "dcim.interface",
            "dcim.cable",
            "dcim.deviceredundancygroup",
            "dcim.interfaceredundancygroup",
            "virtualization.virtualmachine",
            "virtualization.vminterface",
        ),
    ),
    "decommissioned": ("Decommissioned", "9e9e9e", "Circuit has been decommissioned", ("circuits.circuit",)),
    "retired": (
        "Retired",
        "f44336",
        "Site or Location has been retired",
        ("dcim.site", "dcim.location", "dcim.deviceredundancygroup", "dcim.interfaceredundancygroup"),
    ),
    "reserved": ("Reserved", "00bcd4", "Unit is reserved", ("dcim.rack", "ipam.prefix", "ipam.ipaddress", "ipam.vlan")),
    "available": ("Available", "4caf50", "Unit is available", ("dcim.rack",)),
    "deprecated": (
        "Deprecated",
        "f44336",
        "Unit has been deprecated",
        ("dcim.rack", "ipam.prefix", "ipam.ipaddress", "ipam.vlan"),
    ),
    "container": ("Container", "9e9e9e", "Network contains children", ("ipam.prefix",)),
    "connected": ("Connected", "4caf50", "Cable is connected", ("dcim.cable",)),
    "dhcp": ("DHCP", "4caf50", "Dynamically assigned IPv4/IPv6 address", ("ipam.ipaddress",)),
    "slaac": ("SLAAC", "4caf50", "Dynamically assigned IPv6 address", ("ipam.ipaddress",)),
    "maintenance": (
        "Maintenance",
        "9e9e9e",
        "Unit is under maintenance",
        ("dcim.interface", "virtualization.vminterface"),
    ),
    "provisioning": ("Provisioning", "2196f3", "Circuit is being provisioned", ("circuits.circuit",)),
    "deprovisioning": ("Deprovisioning", "ffc107", "Circuit is being deprovisioned", ("circuits.circuit",)),
}


def default_status_for(model: type[models.Model]):
    """The status given when a client does not set one (e.g. interfaces under API 1.2–1.3): `active`."""
    return Status.objects.filter(slug="active", content_types=ContentType.objects.get_for_model(model)).first()


def ensure_default_statuses(apps=None, using: str = "default") -> None:
    """Create the default statuses and attach their content types (idempotent; safe to re-run)."""
    from django.apps import apps as global_apps

    registry = apps or global_apps
    status_model = registry.get_model("extras", "Status")
    content_type_model = registry.get_model("contenttypes", "ContentType")
    for slug, (name, color, description, labels) in DEFAULT_STATUSES.items():
        status, _ = status_model.objects.using(using).get_or_create(
            slug=slug, defaults={"name": name, "color": color, "description": description}
        )
        for label in labels:
            app_label, model_name = label.split(".")
            try:
                registry.get_model(app_label, model_name)
            except LookupError:
                continue  # that app is not installed (yet); a later migration of it adds the link
            content_type, _ = content_type_model.objects.using(using).get_or_create(
                app_label=app_label, model=model_name
            )
            status.content_types.add(content_type)


def seed_statuses(sender, apps=None, using="default", **kwargs) -> None:
    """After every migrate: make sure the default statuses exist with their content types (idempotent). A migrate of
    one app before extras is (its state has no Status yet) leaves that to a later one."""
    if apps is not None:
        try:
            apps.get_model("extras", "Status")
        except LookupError:
            return
    ensure_default_statuses(apps, using=using)
