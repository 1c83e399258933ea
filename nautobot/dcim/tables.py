"""1.x's `nautobot.dcim.tables` names apps render or subclass: `DeviceTable`, `InventoryItemTable`."""

import django_tables2 as tables

from nautobot.core.tables import BaseTable, BooleanColumn, ColoredLabelColumn, TagColumn, ToggleColumn
from nautobot.dcim.models import Device, InventoryItem
from nautobot.extras.tables import StatusTableMixin


class DeviceTable(StatusTableMixin, BaseTable):
    pk = ToggleColumn()
    name = tables.Column(linkify=True, order_by=("_name",))
    tenant = tables.Column(linkify=True)
    site = tables.Column(linkify=True)
    location = tables.Column(linkify=True)
    rack = tables.Column(linkify=True)
    device_role = ColoredLabelColumn(verbose_name="Role")
    device_type = tables.Column(linkify=True, verbose_name="Type")
    platform = tables.Column(linkify=True)
    primary_ip4 = tables.Column(linkify=True, verbose_name="IPv4 Address")
    primary_ip6 = tables.Column(linkify=True, verbose_name="IPv6 Address")
    tags = TagColumn(url_name="dcim:device_list")

    class Meta(BaseTable.Meta):
        model = Device
        fields = (
            "pk",
            "name",
            "status",
            "tenant",
            "site",
            "location",
            "rack",
            "position",
            "face",
            "device_role",
            "device_type",
            "platform",
            "serial",
            "asset_tag",
            "primary_ip4",
            "primary_ip6",
            "tags",
        )
        default_columns = ("pk", "name", "status", "tenant", "site", "location", "rack", "device_role", "device_type")


class InventoryItemTable(BaseTable):
    pk = ToggleColumn()
    device = tables.Column(linkify=True)
    name = tables.Column(linkify=True)
    manufacturer = tables.Column(linkify=True)
    discovered = BooleanColumn()
    tags = TagColumn(url_name="dcim:inventoryitem_list")

    class Meta(BaseTable.Meta):
        model = InventoryItem
        fields = (
            "pk",
            "device",
            "name",
            "label",
            "manufacturer",
            "part_id",
            "serial",
            "asset_tag",
            "description",
            "discovered",
            "tags",
        )
        default_columns = ("pk", "device", "name", "label", "manufacturer", "part_id", "serial", "asset_tag")
