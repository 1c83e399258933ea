"""Constants of 1.x forms: blank and boolean choices, and the patterns of name/address expansion."""

BOOLEAN_CHOICES = (
    ("True", "Yes"),
    ("False", "No"),
)

BOOLEAN_WITH_BLANK_CHOICES = (
    ("", "---------"),
    *BOOLEAN_CHOICES,
)

# `[ge,xe]-0/0/[0-9]`: a range or a list of alternatives in brackets.
NUMERIC_EXPANSION_PATTERN = r"\[((?:\d+[?:,-])+\d+)\]"
ALPHANUMERIC_EXPANSION_PATTERN = r"\[((?:[a-zA-Z0-9]+[?:,-])+[a-zA-Z0-9]+)\]"
IP4_EXPANSION_PATTERN = r"\[((?:[0-9]{1,3}[?:,-])+[0-9]{1,3})\]"
IP6_EXPANSION_PATTERN = r"\[((?:[0-9a-f]{1,4}[?:,-])+[0-9a-f]{1,4})\]"
