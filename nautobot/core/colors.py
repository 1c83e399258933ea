"""Colors of labels and badges: the text color readable on a background."""


def foreground_color(background: str) -> str:
    """`"000000"` (black) or `"ffffff"` (white), whichever reads better on the hex color `background`."""
    value = (background or "").lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    try:
        red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return "000000"

    # Relative luminance as the W3C defines it for contrast (sRGB channels linearized).
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    return "000000" if luminance > 0.179 else "ffffff"
