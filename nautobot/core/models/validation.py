"""Rules other apps add to a model (`registry.custom_validators`, 1.x plugins' `custom_validators`)."""

from nautobot.core.registry import registry


def run_custom_validators(instance, *, unless_clean_does: bool = False) -> None:
    """Check `instance` with every custom validator of its model; the first refusal raises its ValidationError.

    `unless_clean_does`: skip when the model's `clean()` runs them already (1.x's way, where they run from `clean()`;
    `nautobot.extras.plugins.validators.wrap_model_clean_methods()` sets it up), so that they run once.
    """
    if unless_clean_does and getattr(type(instance).clean, "runs_custom_validators", False):
        return
    label = instance._meta.label_lower
    for validator in registry.custom_validators:
        if validator.model == label:
            validator(instance).clean()
