"""Model validation of an API write without asking again what DRF's validators already checked."""

from django.core.exceptions import ValidationError
from django.db import models

from nautobot.core.fastpath.switch import enabled


def validate_unique(instance: models.Model, *, exclude: list[str], done: frozenset = frozenset()) -> None:
    """`instance.validate_unique(exclude=exclude)`; on the fast path without the checks of `done` (sets of field
    names whose uniqueness was checked already), through Django's own steps, so with the same messages."""
    if not enabled():
        instance.validate_unique(exclude=exclude)
        return
    unique_checks, date_checks = instance._get_unique_checks(exclude=exclude)
    unique_checks = [(model, fields) for model, fields in unique_checks if frozenset(fields) not in done]
    errors = instance._perform_unique_checks(unique_checks)
    for key, messages in instance._perform_date_checks(date_checks).items():
        errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
