"""Helpers of 1.x forms: blank choices, numeric and alphanumeric ranges, pattern expansion, restricted choosers."""

import re

from django import forms

from nautobot.core.permissions import restrict
from nautobot.core.forms.constants import (
    ALPHANUMERIC_EXPANSION_PATTERN,
    IP4_EXPANSION_PATTERN,
    IP6_EXPANSION_PATTERN,
)


def add_blank_choice(choices) -> tuple:
    """`choices` (pairs, or a `ChoiceSet`'s `CHOICES`) with a blank `("", "---------")` first."""
    return (("", "---------"), *tuple(choices))


def parse_numeric_range(string: str, base: int = 10) -> list[int]:
    """`"1-5,20,30-32"` as the sorted list of the numbers it covers; a malformed part raises `ValueError`."""
    values = set()
    for part in str(string).split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            low, _, high = part.partition("-")
            low_value, high_value = int(low, base), int(high, base)
            if high_value < low_value:
                raise ValueError(f"Range {part!r} ends before it starts.")
            values.update(range(low_value, high_value + 1))
        else:
            values.add(int(part, base))
    return sorted(values)


def parse_alphanumeric_range(string: str) -> list[str]:
    """`"0-3,a-d,x"` as `["0", "1", "2", "3", "a", "b", "c", "d", "x"]`; a mixed or reversed range raises `ValueError`."""
    values = []
    for part in string.split(","):
        if "-" not in part:
            values.append(part)
            continue
        low, _, high = part.partition("-")
        if low.isdigit() and high.isdigit():
            values.extend(str(n) for n in range(int(low), int(high) + 1))
        elif len(low) == len(high) == 1 and low.isalpha() and high.isalpha() and low.islower() == high.islower():
            if ord(high) < ord(low):
                raise ValueError(f"Range {part!r} ends before it starts.")
            values.extend(chr(c) for c in range(ord(low), ord(high) + 1))
        else:
            raise ValueError(f"Range {part!r} mixes letters and digits or is not one character.")
    return values


def expand_alphanumeric_pattern(string: str):
    """Yield every string `[a-c]x[1-2]` stands for (`ax1`, `ax2`, `bx1`, ...)."""
    match = re.search(ALPHANUMERIC_EXPANSION_PATTERN, string)
    if match is None:
        yield string
        return
    head, rest = string[: match.start()], string[match.end() :]
    for value in parse_alphanumeric_range(match.group(1)):
        for tail in expand_alphanumeric_pattern(rest):
            yield f"{head}{value}{tail}"


def expand_ipaddress_pattern(string: str, family: int):
    """Yield every address `192.0.2.[1-3]/24` (`family` 4) or `2001:db8::[a-c]/64` (6) stands for."""
    pattern, base = (IP4_EXPANSION_PATTERN, 10) if family == 4 else (IP6_EXPANSION_PATTERN, 16)
    match = re.search(pattern, string)
    if match is None:
        yield string
        return
    head, rest = string[: match.start()], string[match.end() :]
    for value in parse_numeric_range(match.group(1), base=base):
        text = str(value) if base == 10 else f"{value:x}"
        for tail in expand_ipaddress_pattern(rest, family):
            yield f"{head}{text}{tail}"


def restrict_form_fields(form: forms.Form, user, action: str = "view") -> None:
    """Narrow every model chooser of `form` to the objects `user` may `action` (object permissions)."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is not None and hasattr(queryset, "model"):
            field.queryset = restrict(queryset, user, action)


def form_from_model(model, fields) -> type[forms.Form]:
    """A plain form with the model's form fields `fields`, all optional (1.x: the base of bulk edit forms)."""
    form_fields = {}
    for name in fields:
        formfield = model._meta.get_field(name).formfield()
        if formfield is not None:
            formfield.required = False
            form_fields[name] = formfield
    return type(f"{model._meta.object_name}Form", (forms.Form,), form_fields)
