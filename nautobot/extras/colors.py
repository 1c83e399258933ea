"""The color of statuses, tags, device roles, racks and cables: six lower-case hex digits (RGB)."""

from django.core.validators import RegexValidator

ColorValidator = RegexValidator(
    r"^[0-9a-f]{6}$", "Enter a valid hexadecimal RGB color code (six lower-case hex digits)."
)
