"""Rules other apps add to a model (`registry.custom_validators`, 1.x plugins' `custom_validators`)."""

from nautobot.core.registry import registry


def run_custom_validators(instance) -> None:
    """Check `instance` with every custom validator of its model; the first refusal raises its ValidationError."""
    label = instance._meta.label_lower
    for validator in registry.custom_validators:
        if validator.model == label:
            validator(instance).clean()
