"""1.x `nautobot.extras.plugins.validators`: custom validators run by a model's `clean()`.

Every `BaseModel` runs the custom validators of its model in `full_clean()` (and the API's model validation does).
`wrap_model_clean_methods()`, run when an app registers custom validators, makes every model that has some run them
from `clean()` as well, as 1.x does (apps' tests call `obj.clean()` and expect the refusal); `full_clean()` then
leaves them to `clean()`, so they run once.
"""

import functools

from django.apps import apps

from nautobot.core.models.validation import run_custom_validators
from nautobot.core.registry import registry


def custom_validator_clean(model_clean_func):
    """Wrap a model's `clean()`: the model's own checks, then its custom validators."""

    @functools.wraps(model_clean_func)
    def clean(instance):
        model_clean_func(instance)
        run_custom_validators(instance)

    clean.runs_custom_validators = True
    return clean


def wrap_model_clean_methods() -> None:
    """Make every model with custom validators run them from its `clean()`."""
    labels = {validator.model for validator in registry.custom_validators}
    for model in apps.get_models():
        if model._meta.label_lower not in labels:
            continue
        if not getattr(model.clean, "runs_custom_validators", False):
            model.clean = custom_validator_clean(model.clean)


__all__ = ["custom_validator_clean", "wrap_model_clean_methods"]
