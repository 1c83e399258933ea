"""1.x status choice sets (`DeviceStatusChoices`...): the default statuses of a model as a `ChoiceSet`.

Statuses are rows (`extras.Status`), so these sets are what a fresh database offers a model, built from the one
list of default statuses (`defaults.DEFAULT_STATUSES`): a constant `STATUS_<SLUG>` per status, `CHOICES` as
`(slug, name)` pairs. Apps written for 1.0 still compare against them.
"""

from nautobot.core.choices import ChoiceSet
from nautobot.extras.statuses.defaults import DEFAULT_STATUSES


def status_choice_set(name: str, model_label: str, module: str) -> type[ChoiceSet]:
    """A `ChoiceSet` subclass `name` (in `module`) of the default statuses of the model `model_label`."""
    pairs = [(slug, spec[0]) for slug, spec in DEFAULT_STATUSES.items() if model_label in spec[3]]
    attrs = {f"STATUS_{slug.upper().replace('-', '_')}": slug for slug, _name in pairs}
    attrs.update(CHOICES=tuple(pairs), __module__=module, __qualname__=name)
    return type(ChoiceSet)(name, (ChoiceSet,), attrs)
