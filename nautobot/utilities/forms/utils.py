"""1.x path `nautobot.utilities.forms.utils`: a façade re-exporting `nautobot.core.forms.utils` (no logic here)."""

from nautobot.core.forms.utils import (  # noqa: F401
    add_blank_choice,
    expand_alphanumeric_pattern,
    expand_ipaddress_pattern,
    form_from_model,
    parse_alphanumeric_range,
    parse_numeric_range,
    restrict_form_fields,
)
