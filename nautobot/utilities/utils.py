"""1.x `nautobot.utilities.utils`: helpers apps call, re-exported from their homes."""

from nautobot.core.filters import filterset_for as get_filterset_for_model
from nautobot.core.formatting import (
    csv_format,
    foreground_color,
    hex_to_rgb,
    rgb_to_hex,
    slugify_dashes_to_underscores,
)
from nautobot.core.lookup import (
    dynamic_import,
    get_form_for_model,
    get_related_class_for_model,
    get_route_for_model,
    get_table_for_model,
)
from nautobot.core.models.serialization import serialize_object
from nautobot.core.requests import copy_safe_request
from nautobot.core.structures import deepmerge, flatten_dict, flatten_iterable, is_uuid, shallow_compare_dict
from nautobot.extras.changelog.writer import snapshot as serialize_object_v2
from nautobot.extras.templating import render as render_jinja2

__all__ = [
    "copy_safe_request",
    "csv_format",
    "deepmerge",
    "dynamic_import",
    "flatten_dict",
    "flatten_iterable",
    "foreground_color",
    "get_filterset_for_model",
    "get_form_for_model",
    "get_related_class_for_model",
    "get_route_for_model",
    "get_table_for_model",
    "hex_to_rgb",
    "is_uuid",
    "render_jinja2",
    "rgb_to_hex",
    "serialize_object",
    "serialize_object_v2",
    "shallow_compare_dict",
    "slugify_dashes_to_underscores",
]
