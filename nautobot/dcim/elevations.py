"""Rack elevation drawn as SVG: one row per unit, a legend of unit numbers, one box per device.

Plain SVG text (no drawing library): the picture is a handful of rectangles and labels. Device boxes
link to the device's page and take the colour of its role; units the user may not see are hatched.
"""

from xml.sax.saxutils import escape, quoteattr

LEGEND_WIDTH = 30
UNIT_WIDTH = 230
UNIT_HEIGHT = 22


def _text_color(background: str) -> str:
    try:
        red, green, blue = (int(background[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return "000000"
    return "000000" if (red * 299 + green * 587 + blue * 114) / 1000 > 128 else "ffffff"


def _truncate(name: str) -> str:
    from django.conf import settings

    truncate = getattr(settings, "UI_RACK_VIEW_TRUNCATE_FUNCTION", None)
    return truncate(name) if callable(truncate) else name


def elevation_svg(
    rack,
    units: list[dict],
    *,
    face: str,
    unit_width: int = UNIT_WIDTH,
    unit_height: int = UNIT_HEIGHT,
    legend_width: int = LEGEND_WIDTH,
    base_url: str = "/",
) -> str:
    """Draw `units` (from `selectors.rack_units(..., expand_devices=False)`) of `rack` seen from `face`."""
    width = legend_width + unit_width + 2
    height = unit_height * len(units) + 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{width}" height="{height + 20}" '
        f'class="rack-elevation" font-family="sans-serif" font-size="12">',
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="3" height="6" fill="#c0c0c0"/></pattern></defs>',
        f'<text x="{width / 2}" y="14" text-anchor="middle" font-weight="bold">{escape(str(rack))} ({escape(face)})</text>',
        f'<g transform="translate(0, 20)"><rect x="{legend_width}" y="0" width="{unit_width + 2}" height="{height}" fill="#f5f5f5" stroke="#000"/>',
    ]
    for row, unit in enumerate(units):
        y = 1 + row * unit_height
        parts.append(
            f'<text x="{legend_width - 4}" y="{y + unit_height / 2 + 4}" text-anchor="end" class="unit">{unit["id"]}</text>'
        )
        if not unit["occupied"]:
            continue
        box_height = unit_height * unit.get("height", 1)
        # Units are listed top first, and a device is listed at its lowest unit: its box grows upwards.
        top = y + unit_height - box_height
        device = unit["device"]
        if device is None:
            parts.append(
                f'<rect x="{legend_width + 1}" y="{top}" width="{unit_width}" height="{box_height}" fill="url(#hatch)" stroke="#888"/>'
            )
            continue
        color = getattr(getattr(device, "device_role", None), "color", "") or "9e9e9e"
        label = escape(str(device))
        # The box shows the name as UI_RACK_VIEW_TRUNCATE_FUNCTION shortens it (1.x: up to the first dot); the
        # tooltip keeps it whole.
        shown = escape(str(_truncate(str(device))))
        href = quoteattr(f"{base_url.rstrip('/')}/dcim/devices/{device.pk}/")
        parts.append(
            f'<a href={href} xlink:href={href} target="_top"><title>{label}</title>'
            f'<rect x="{legend_width + 1}" y="{top}" width="{unit_width}" height="{box_height}" fill="#{color}" stroke="#333"/>'
            f'<text x="{legend_width + 1 + unit_width / 2}" y="{top + box_height / 2 + 4}" text-anchor="middle" '
            f'fill="#{_text_color(color)}">{shown}</text></a>'
        )
    parts.append("</g></svg>")
    return "".join(parts)
