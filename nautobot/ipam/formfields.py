"""1.x `nautobot.ipam.formfields`: form fields of an IP address (no mask) and of a network (mask required), which
app forms use (`IPAddressFormField`, `IPNetworkFormField`). Text is read as the API and filters read it
(`nautobot.ipam.networks.parse_network`), so '1.2.3', which netaddr alone takes for 1.2.0.3, is refused."""

import netaddr
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address

from nautobot.ipam.networks import NetworkParseError, parse_network


class IPAddressFormField(forms.CharField):
    """An IPv4 or IPv6 address without a mask, as `netaddr.IPAddress`."""

    default_error_messages = {"invalid": "Enter a valid IPv4 or IPv6 address (without a mask)."}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, netaddr.IPAddress):
            return value
        text = str(value).strip()
        if "/" in text:
            raise ValidationError("This field requires an IP address without a mask.", code="invalid")
        try:
            validate_ipv46_address(text)
        except ValidationError:
            raise ValidationError(f"Invalid IPv4/IPv6 address format: {text}", code="invalid") from None
        return netaddr.IPAddress(text)


class IPNetworkFormField(forms.Field):
    """An IPv4 or IPv6 network with its mask (`10.0.0.0/8`), as `netaddr.IPNetwork`."""

    default_error_messages = {"invalid": "Enter a valid IPv4 or IPv6 address (with CIDR mask)."}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, netaddr.IPNetwork):
            return value
        text = str(value).strip()
        if text.count("/") != 1:
            raise ValidationError("CIDR mask (e.g. /24) is required.", code="invalid")
        try:
            return parse_network(text)
        except NetworkParseError:
            raise ValidationError("Please specify a valid IPv4 or IPv6 address.", code="invalid") from None
