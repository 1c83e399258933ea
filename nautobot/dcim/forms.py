"""1.x's `nautobot.dcim.forms` names apps use: `DeviceFilterForm` (apps extend the device list's filters)."""

from django import forms

from nautobot.core.forms import (
    BOOLEAN_WITH_BLANK_CHOICES,
    DynamicModelMultipleChoiceField,
    StaticSelect2,
    TagFilterField,
)
from nautobot.dcim.models import Device, DeviceRole, DeviceType, Location, Manufacturer, Platform, Rack, Region, Site
from nautobot.extras.forms import LocalContextFilterForm, NautobotFilterForm, StatusModelFilterFormMixin
from nautobot.tenancy.forms import TenancyFilterForm


class DeviceFilterForm(NautobotFilterForm, LocalContextFilterForm, TenancyFilterForm, StatusModelFilterFormMixin):
    """The device list's filters, named as the device filter parameters (slugs where 1.x used slugs)."""

    model = Device
    field_order = [
        "q",
        "region",
        "site",
        "location",
        "rack_id",
        "role",
        "manufacturer",
        "device_type_id",
        "platform",
        "status",
        "tenant_group",
        "tenant",
        "has_primary_ip",
        "tag",
    ]
    q = forms.CharField(required=False, label="Search")
    region = DynamicModelMultipleChoiceField(queryset=Region.objects.all(), to_field_name="slug", required=False)
    site = DynamicModelMultipleChoiceField(
        queryset=Site.objects.all(), to_field_name="slug", required=False, query_params={"region": "$region"}
    )
    location = DynamicModelMultipleChoiceField(
        queryset=Location.objects.all(), to_field_name="slug", required=False, query_params={"site": "$site"}
    )
    rack_id = DynamicModelMultipleChoiceField(
        queryset=Rack.objects.all(), required=False, label="Rack", query_params={"site": "$site"}
    )
    role = DynamicModelMultipleChoiceField(queryset=DeviceRole.objects.all(), to_field_name="slug", required=False)
    manufacturer = DynamicModelMultipleChoiceField(
        queryset=Manufacturer.objects.all(), to_field_name="slug", required=False
    )
    device_type_id = DynamicModelMultipleChoiceField(
        queryset=DeviceType.objects.all(),
        required=False,
        label="Model",
        display_field="model",
        query_params={"manufacturer": "$manufacturer"},
    )
    platform = DynamicModelMultipleChoiceField(
        queryset=Platform.objects.all(), to_field_name="slug", required=False, null_option="None"
    )
    has_primary_ip = forms.NullBooleanField(
        required=False, label="Has a primary IP", widget=StaticSelect2(choices=BOOLEAN_WITH_BLANK_CHOICES)
    )
    tag = TagFilterField(model)
