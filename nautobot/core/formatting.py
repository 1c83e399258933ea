"""Small text conversions of values for people and files: CSV cells, colors, slugs."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils.text import slugify


def csv_format(data: Iterable[Any]) -> str:
    """One CSV line of `data`: None and False as empty cells, dates in ISO format, a value holding a comma, a
    quote or a line break in double quotes (its quotes doubled)."""
    cells = []
    for value in data:
        if value is None or value is False:
            cells.append("")
            continue
        if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
            value = value.isoformat()
        text = str(value)
        if any(special in text for special in (",", '"', "\n", "\r")):
            text = '"{}"'.format(text.replace('"', '""'))
        cells.append(text)
    return ",".join(cells)


def bettertitle(value: Any) -> str:
    """Title case that keeps the letters already capitals (`IP addresses` -> `IP Addresses`, `BGP peering roles`
    -> `BGP Peering Roles`, where `str.title()` gives `Bgp`): the headings 1.x makes of verbose names."""
    return " ".join(word[:1].upper() + word[1:] for word in str(value).split(" "))


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """`"ff8000"` (or `"#ff8000"`) -> `(255, 128, 0)`; ValueError for anything else."""
    digits = color.lstrip("#")
    if len(digits) != 6:
        raise ValueError(f"{color!r} is not a six-digit hexadecimal RGB color.")
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def rgb_to_hex(red: int, green: int, blue: int) -> str:
    """`(255, 128, 0)` -> `"ff8000"`."""
    return f"{red:02x}{green:02x}{blue:02x}"


def foreground_color(background: str, dark: str = "000000", light: str = "ffffff") -> str:
    """The text color readable on `background` (hex RGB): `dark` on light backgrounds, `light` on dark ones."""
    red, green, blue = hex_to_rgb(background)
    # Perceived brightness (ITU-R BT.601 weights), 0-255.
    return dark if (red * 299 + green * 587 + blue * 114) / 1000 > 150 else light


def slugify_dashes_to_underscores(content: str) -> str:
    """A slug with underscores instead of dashes (`"My Site-1"` -> `"my_site_1"`), usable as an identifier."""
    return slugify(content).replace("-", "_")


__all__ = ["csv_format", "foreground_color", "hex_to_rgb", "rgb_to_hex", "slugify_dashes_to_underscores"]
